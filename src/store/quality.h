// The data-quality report of an import: what a data team checks before it
// trusts a delivery. Computed from the rows as they stream past.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "banenmonitor/delivery.h"
#include "data/row_sink.h"

namespace banenmonitor::store {

class QualityCollector : public data::RowSink {
 public:
  // `payroll_rows`: about how many payroll rows are coming (0: not known), so
  // that the table of their keys does not grow by doubling.
  explicit QualityCollector(std::size_t payroll_rows = 0);
  ~QualityCollector() override;
  void OnEmployer(const Employer& employer, std::int64_t line) override;
  void OnRegister(const data::RegisterRow& row) override;
  void OnPayroll(const data::PayrollRow& row) override;
  void OnHireIn(const data::HireInRow& row) override;

  // The report, from what was collected and the validation's findings and files:
  // rows per file, invalid rows per kind, invalid BSNs, payroll persons not in
  // the register, hire-in without payroll, employers without payroll, months
  // covered per file.
  nlohmann::ordered_json Report(const Delivery& validation) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The report as Dutch text for the terminal.
std::string QualityText(const nlohmann::ordered_json& report);

}  // namespace banenmonitor::store
