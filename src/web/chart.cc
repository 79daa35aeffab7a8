// /api/v1/chart/trend.svg: the trend of one scope as the report draws it
// (report/svg_chart.h), so the page and the report show the same chart.
#include <fmt/format.h>

#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/svg_chart.h"
#include "web/dashboard.h"

namespace banenmonitor::web {

HttpResult<Reply> Dashboard::TrendChart(const Call& c) {
  auto trend = Trend(c);
  if (!trend) return trend;
  Json j = Json::parse(trend->body);
  report::LineChartSpec spec;
  spec.id = "trend";
  std::string label = j["scope_label"].get<std::string>();
  spec.title = "Extra banen tegen de opgave: " + label;
  spec.y_label = "extra banen";
  spec.width = 640;
  spec.height = 300;
  report::ChartSeries realised{"Gerealiseerd", {}, false, "#154273"};
  report::ChartSeries target{"Opgave", {}, true, "#8b4a00"};
  std::string words;
  for (const auto& p : j["points"]) {
    spec.x_labels.push_back(std::to_string(p["year"].get<int>()));
    auto value = [](const Json& v) { return v.is_null() ? std::optional<double>() : std::optional<double>(v.get<double>()); };
    realised.values.push_back(value(p["extra_jobs"]));
    target.values.push_back(value(p["target_extra_jobs"]));
    words += fmt::format("{}{}: {} gerealiseerd, opgave {}", words.empty() ? "" : "; ", p["year"].get<int>(),
                         p["extra_jobs"].is_null() ? std::string(p["secret"].get<bool>() ? "x" : ".")
                                                   : Dutch(p["extra_jobs"].get<double>(), 0),
                         p["target_extra_jobs"].is_null() ? std::string(".")
                                                          : Dutch(p["target_extra_jobs"].get<double>(), 0));
  }
  spec.series = {realised, target};
  spec.description = fmt::format("Extra banen per jaar (eindejaarsmeting) voor {}: {}.", label, words);
  Reply r;
  r.body = report::LineChartSvg(spec);
  r.content_type = "image/svg+xml";
  return r;
}

}  // namespace banenmonitor::web
