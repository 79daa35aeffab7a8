// Inline SVG line charts for the HTML faces (progress report, dashboard): no
// script, no external file, text alternatives in <title> and <desc>, Dutch
// axis labels. Written by hand because an SVG line chart is a few dozen
// elements and no Debian C++ library draws one without a runtime (cairo would
// add a raster/PDF stack we do not need for HTML).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace banenmonitor::report {

struct ChartSeries {
  std::string name;                           // legend text, e.g. "Gerealiseerd"
  std::vector<std::optional<double>> values;  // one per x label; nullopt: not shown (secret or missing), the line breaks
  bool dashed = false;                        // e.g. the target
  std::string color = "#154273";              // any CSS colour
};

struct LineChartSpec {
  std::string id;           // unique within the page; used for aria-labelledby
  std::string title;        // short title: the <title> and the visible heading is the caller's
  std::string description;  // the text alternative: what the chart shows, in words and figures
  std::vector<std::string> x_labels;  // e.g. years
  std::vector<ChartSeries> series;
  std::string y_label;      // unit of the values, e.g. "banen"
  int width = 360;
  int height = 220;
  // Horizontal bars instead of lines: one bar per x label (top to bottom, in
  // the caller's order) of the first series; a missing value is written "x"
  // without a bar; the height follows from the number of bars.
  bool bars = false;
};

// One <svg role="img"> element with <title>, <desc>, axes with rounded ticks
// (Dutch numbers), a polyline with points per series and a legend. Values
// below zero are drawn on a zero-based axis extended downwards. Deterministic:
// coordinates are printed with one decimal.
// With spec.bars: BarChartSvg.
std::string LineChartSvg(const LineChartSpec& spec);
// A sorted bar chart (the regions: no outline of them can be shipped,
// docs/regions.md), with the same <title>, <desc> and Dutch numbers.
std::string BarChartSvg(const LineChartSpec& spec);

}  // namespace banenmonitor::report
