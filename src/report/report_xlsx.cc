// The Excel face of the progress report, written with libxlsxwriter (Debian
// libxlsxwriter-dev): a small, well-kept C library that writes XLSX without
// a spreadsheet program.
#include <xlsxwriter.h>

#include <ctime>
#include <fmt/format.h>

#include "common/lang.h"
#include "report/report_render.h"

namespace banenmonitor::report {

namespace {

// "2024-03-01T12:00:00Z" (or with a space) as UTC; nullopt when it is not such a time.
std::optional<std::time_t> ParseUtc(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%d-%d-%d%*c%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

// Excel number format codes are written in the en-US notation; a Dutch Excel
// shows "#,##0.0" as 1.234,5.
std::string NumberFormat(const ReportCell& c) {
  std::string f = c.decimals > 0 ? "#,##0." + std::string(static_cast<std::size_t>(c.decimals), '0') : "#,##0";
  return c.percent ? f + "\" %\"" : f;
}

}  // namespace

Status WriteXlsx(const ProgressReport& report, const std::filesystem::path& path) {
  lxw_workbook* wb = workbook_new(path.string().c_str());
  if (wb == nullptr) {
    return Status::IoError(
        Say("{}: de werkmap kan niet worden aangemaakt", "{}: cannot create the workbook", path.string()));
  }
  // Fixed properties so that the same report gives the same workbook: the
  // snapshot's own time, else 1 January 2000.
  std::string title = report.title;
  std::string author = "banenmonitor";
  const bool synthetic = report.provenance.synthetic;
  if (synthetic) title += std::string(" (") + kSyntheticMark + ")";
  std::string comments = fmt::format("{}banenmonitor {}, parameters {}", synthetic ? SyntheticNotice() + " " : "",
                                     report.provenance.program_version, report.provenance.parameter_version);
  lxw_doc_properties props{};
  props.title = title.data();
  props.author = author.data();
  props.company = author.data();
  props.comments = comments.data();
  props.created = ParseUtc(report.recorded_at).value_or(946684800);
  workbook_set_properties(wb, &props);

  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xE8EEF5);
  format_set_text_wrap(header);
  lxw_format* right = workbook_add_format(wb);
  format_set_align(right, LXW_ALIGN_RIGHT);
  std::map<std::pair<std::string, bool>, lxw_format*> number_formats;
  auto number_format = [&](const ReportCell& c, bool total) {
    auto key = std::pair(NumberFormat(c), total);
    auto it = number_formats.find(key);
    if (it != number_formats.end()) return it->second;
    lxw_format* f = workbook_add_format(wb);
    format_set_num_format(f, key.first.c_str());
    if (total) format_set_bold(f);
    return number_formats[key] = f;
  };

  for (const auto& section : report.sections) {
    for (const auto& t : section.tables) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, t.id.c_str());
      if (ws == nullptr) {
        workbook_close(wb);
        return Status::Internal(
            Say("de bladnaam {} is niet geldig in Excel", "sheet name {} is not valid in Excel", t.id));
      }
      // A synthetic delivery says so on every sheet, beside the title.
      const std::string sheet_title = synthetic ? t.title + " (" + kSyntheticMark + ")" : t.title;
      worksheet_write_string(ws, 0, 0, sheet_title.c_str(), bold);
      for (std::size_t c = 0; c < t.headers.size(); ++c) {
        worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), t.headers[c].c_str(), header);
      }
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto row_index = static_cast<lxw_row_t>(r + 2);
        for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
          const ReportCell& cell = t.rows[r][c];
          const auto col = static_cast<lxw_col_t>(c);
          if (!cell.is_number) {
            worksheet_write_string(ws, row_index, col, cell.text.c_str(), t.total_rows[r] ? bold : nullptr);
          } else if (cell.secret || cell.nil || !cell.value) {
            worksheet_write_string(ws, row_index, col, DisplayDutch(cell).c_str(), right);
          } else {
            worksheet_write_number(ws, row_index, col, *cell.value, number_format(cell, t.total_rows[r]));
          }
        }
      }
      if (!t.note.empty()) {
        worksheet_write_string(ws, static_cast<lxw_row_t>(t.rows.size() + 3), 0, t.note.c_str(), nullptr);
      }
      worksheet_set_column(ws, 0, 0, t.id == "Trends" ? 44 : 34, nullptr);
      worksheet_set_column(ws, 1, static_cast<lxw_col_t>(std::max<std::size_t>(t.headers.size(), 2) - 1),
                           t.id == "Bestanden" || t.id == "Herkomst" ? 70 : 14, nullptr);
      worksheet_freeze_panes(ws, 2, 1);
    }
  }
  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) {
    return Status::IoError(Say("{}: de werkmap kan niet worden geschreven ({})", "{}: cannot write the workbook ({})",
                               path.string(), lxw_strerror(e)));
  }
  return Status::Ok();
}

}  // namespace banenmonitor::report
