#include "report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html.h"
#include "common/number_format.h"

namespace banenmonitor::report {

namespace {

// A "nice" step (1, 2 or 5 times a power of ten) for about `ticks` intervals over `range`.
double NiceStep(double range, int ticks) {
  if (range <= 0) return 1;
  const double raw = range / ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * power) return m * power;
  }
  return 10 * power;
}

std::string Num(double v) { return fmt::format("{:.1f}", v); }

}  // namespace

std::string BarChartSvg(const LineChartSpec& spec) {
  const double label_w = 180, right = 56, top = 8, row_h = 16;
  const std::size_t n = spec.x_labels.size();
  const double height = top * 2 + row_h * static_cast<double>(n);
  const std::vector<std::optional<double>> none;
  const auto& values = spec.series.empty() ? none : spec.series.front().values;
  const std::string color = spec.series.empty() ? "#154273" : spec.series.front().color;
  double hi = 0;
  for (const auto& v : values) {
    if (v) hi = std::max(hi, *v);
  }
  if (hi <= 0) hi = 1;
  const double plot_w = spec.width - label_w - right;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart bars\" viewBox=\"0 0 {0} {1}\" "
      "width=\"{0}\" height=\"{1}\" aria-labelledby=\"{2}-title {2}-desc\">\n<title id=\"{2}-title\">{3}</title>\n"
      "<desc id=\"{2}-desc\">{4}</desc>\n",
      spec.width, Num(height), HtmlEscape(spec.id), HtmlEscape(spec.title), HtmlEscape(spec.description));
  for (std::size_t i = 0; i < n; ++i) {
    const double y = top + row_h * static_cast<double>(i);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" fill=\"#333\">{}</text>\n",
                       Num(label_w - 6), Num(y + 11), HtmlEscape(spec.x_labels[i]));
    const std::optional<double> v = i < values.size() ? values[i] : std::nullopt;
    const double w = v ? std::max(0.0, plot_w * *v / hi) : 0;
    if (v) {
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", Num(label_w), Num(y + 2),
                         Num(w), Num(row_h - 4), HtmlEscape(color));
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#333\">{}</text>\n", Num(label_w + w + 4),
                       Num(y + 11), v ? Dutch(*v, 1) : std::string("x"));
  }
  out += "</svg>\n";
  return out;
}

std::string LineChartSvg(const LineChartSpec& spec) {
  if (spec.bars) return BarChartSvg(spec);
  const double left = 56, right = 12, top = 12, bottom = 48;
  const double plot_w = spec.width - left - right, plot_h = spec.height - top - bottom;
  double lo = 0, hi = 0;
  for (const auto& s : spec.series) {
    for (const auto& v : s.values) {
      if (!v) continue;
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  }
  const double step = NiceStep(hi - lo, 4);
  lo = std::floor(lo / step) * step;
  hi = std::max(step, std::ceil(hi / step) * step);
  const std::size_t n = spec.x_labels.size();
  auto x_of = [&](std::size_t i) { return left + (n <= 1 ? plot_w / 2 : plot_w * static_cast<double>(i) / (n - 1)); };
  auto y_of = [&](double v) { return top + plot_h * (hi - v) / (hi - lo); };
  const int decimals = step < 1 ? (step < 0.1 ? 2 : 1) : 0;

  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
      "height=\"{1}\" aria-labelledby=\"{2}-title {2}-desc\">\n<title id=\"{2}-title\">{3}</title>\n<desc "
      "id=\"{2}-desc\">{4}</desc>\n",
      spec.width, spec.height, HtmlEscape(spec.id), HtmlEscape(spec.title), HtmlEscape(spec.description));
  // Grid and y ticks.
  for (double v = lo; v <= hi + step / 2; v += step) {
    const double y = y_of(v);
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"1\"/>"
        "<text x=\"{4}\" y=\"{5}\" text-anchor=\"end\" font-size=\"10\" fill=\"#333\">{6}</text>\n",
        Num(left), Num(y), Num(left + plot_w), std::abs(v) < step / 2 ? "#666" : "#ddd", Num(left - 4), Num(y + 3),
        Dutch(std::abs(v) < step / 2 ? 0.0 : v, decimals));
  }
  if (!spec.y_label.empty()) {
    out += fmt::format(
        "<text x=\"12\" y=\"{0}\" transform=\"rotate(-90 12 {0})\" text-anchor=\"middle\" font-size=\"10\" "
        "fill=\"#333\">{1}</text>\n",
        Num(top + plot_h / 2), HtmlEscape(spec.y_label));
  }
  // X labels: every label when there is room, else every second one (and the last).
  const std::size_t every = n > 8 && plot_w / n < 28 ? 2 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    if (i % every != 0 && i + 1 != n) continue;
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">{}</text>\n",
                       Num(x_of(i)), Num(top + plot_h + 14), HtmlEscape(spec.x_labels[i]));
  }
  // Series: a polyline per unbroken run, a dot per point.
  for (const auto& s : spec.series) {
    const std::string dash = s.dashed ? " stroke-dasharray=\"5 3\"" : "";
    std::string points;
    auto flush = [&] {
      if (points.empty()) return;
      out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{} points=\"{}\"/>\n",
                         HtmlEscape(s.color), dash, points);
      points.clear();
    };
    for (std::size_t i = 0; i < n && i < s.values.size(); ++i) {
      if (!s.values[i]) {
        flush();
        continue;
      }
      points += (points.empty() ? "" : " ") + Num(x_of(i)) + "," + Num(y_of(*s.values[i]));
    }
    flush();
    for (std::size_t i = 0; i < n && i < s.values.size(); ++i) {
      if (!s.values[i] || s.dashed) continue;
      out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{}\"/>\n", Num(x_of(i)), Num(y_of(*s.values[i])),
                         HtmlEscape(s.color));
    }
  }
  // Legend.
  double lx = left;
  const double ly = spec.height - 10;
  for (const auto& s : spec.series) {
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"2\"{4}/>"
        "<text x=\"{5}\" y=\"{6}\" font-size=\"10\" fill=\"#333\">{7}</text>\n",
        Num(lx), Num(ly - 3), Num(lx + 18), HtmlEscape(s.color), s.dashed ? " stroke-dasharray=\"5 3\"" : "",
        Num(lx + 22), Num(ly), HtmlEscape(s.name));
    lx += 30 + 6.0 * static_cast<double>(s.name.size());
  }
  out += "</svg>\n";
  return out;
}

}  // namespace banenmonitor::report
