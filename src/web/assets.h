// The dashboard's static files (src/web/assets/), compiled into the program by
// cmake/embed_assets.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace banenmonitor::web {

struct Asset {
  std::string_view name;     // file name, e.g. "app.js"
  std::string_view content;
};

// Every asset, sorted by name.
const std::vector<Asset>& Assets();

}  // namespace banenmonitor::web
