// An aligned plain-text table for people: columns padded to the widest cell
// (counted in UTF-8 characters), text columns left, figures right.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace banenmonitor::report {

inline std::size_t Utf8Length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// One line of an aligned table: cell c padded to `width[c]` (left when `left[c]`,
// else right), two spaces between cells, no trailing blanks, ending in '\n'.
// REQUIRES: width.size() and left.size() >= row.size(); width[c] >= Utf8Length(row[c]).
inline std::string AlignedLine(const std::vector<std::string>& row, const std::vector<std::size_t>& width,
                               const std::vector<bool>& left) {
  std::string out;
  for (std::size_t c = 0; c < row.size(); ++c) {
    std::string pad(width[c] - Utf8Length(row[c]), ' ');
    out += left[c] ? row[c] + pad : pad + row[c];
    if (c + 1 < row.size()) out += "  ";
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\n";
}

// `left[c]` says whether column c is aligned left. A rule of '-' follows the header.
inline std::string AlignedTable(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                                const std::vector<bool>& left) {
  std::vector<std::size_t> width(headers.size(), 0);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    width[c] = Utf8Length(headers[c]);
    for (const auto& r : rows) width[c] = std::max(width[c], Utf8Length(r[c]));
  }
  auto line = [&](const std::vector<std::string>& row) { return AlignedLine(row, width, left); };
  std::string out = line(headers);
  std::vector<std::string> rule;
  for (std::size_t w : width) rule.push_back(std::string(w, '-'));
  out += line(rule);
  for (const auto& r : rows) out += line(r);
  return out;
}

// Wraps text at spaces to lines of at most `width` characters; follow-on lines
// are indented by two spaces.
inline std::string Wrap(const std::string& text, std::size_t width) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    if (!line.empty() && Utf8Length(line) + 1 + Utf8Length(word) > width) {
      out += line + "\n";
      line = "  " + word;
    } else {
      line += (line.empty() ? "" : " ") + word;
    }
    start = end + 1;
  }
  if (!line.empty()) out += line + "\n";
  return out;
}

}  // namespace banenmonitor::report
