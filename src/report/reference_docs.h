// The reference documents of the letter and the memo (pandoc --reference-doc),
// made from pandoc's defaults by scripts/reference_docs.py when CMake
// configures and compiled into the program by cmake/embed_assets.cmake:
// reference.docx, reference.odt and their "-synthetisch" variants, whose
// header says on every page that the data are synthetic. Empty when the
// program was built without pandoc.
#pragma once

#include <string_view>
#include <vector>

namespace banenmonitor::report::reference {

struct Asset {
  std::string_view name;     // "reference.docx"
  std::string_view content;
};

// Every reference document, sorted by name.
const std::vector<Asset>& Assets();

}  // namespace banenmonitor::report::reference
