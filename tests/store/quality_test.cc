// The data-quality report of an import (store/quality.h), from rows fed as the
// import feeds them: numbered rows (person_number) and unnumbered ones alike.
#include "store/quality.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace banenmonitor::store {
namespace {

Employer MakeEmployer(const std::string& id) {
  Employer e;
  e.id = id;
  e.name = id;
  return e;
}

data::RegisterRow Registered(std::string_view person) {
  data::RegisterRow r;
  r.person_id = person;
  r.start_day = 18000;
  return r;
}

data::PayrollRow Pay(std::string_view person, EmployerIndex employer, MonthIndex month) {
  data::PayrollRow r;
  r.person_id = person;
  r.employer = employer;
  r.month = month;
  r.hours = 100;
  return r;
}

data::HireInRow Hire(std::string_view person, EmployerIndex lender, EmployerIndex hirer, MonthIndex month) {
  data::HireInRow r;
  r.person_id = person;
  r.lender = lender;
  r.hirer = hirer;
  r.month = month;
  r.hours = 50;
  return r;
}

TEST(QualityCollector, CountsHireInWithoutAPayrollRowOfTheLenderInThatMonth) {
  QualityCollector q;
  for (const char* id : {"A", "B", "C"}) q.OnEmployer(MakeEmployer(id), 2);
  q.OnRegister(Registered("111111110"));
  q.OnRegister(Registered("222222220"));
  const MonthIndex jan = 2024 * 12, feb = jan + 1;
  q.OnPayroll(Pay("111111110", 1, jan));
  q.OnPayroll(Pay("111111110", 1, jan));  // a second row of the same cell
  q.OnPayroll(Pay("111111110", 1, feb));
  q.OnPayroll(Pay("222222220", 0, jan));
  q.OnPayroll(Pay("333333330", 0, feb));  // not in the register
  q.OnHireIn(Hire("111111110", 1, 2, jan));  // lender B paid in January: fine
  q.OnHireIn(Hire("111111110", 1, 2, jan));  // the same again: fine, each row counted
  q.OnHireIn(Hire("111111110", 0, 2, jan));  // lender A did not pay 111111110: without payroll
  q.OnHireIn(Hire("222222220", 0, 2, feb));  // A paid 222222220 in January, not February: without
  q.OnHireIn(Hire("444444440", 1, 2, jan));  // nobody paid 444444440: without
  q.OnHireIn(Hire("444444440", 1, 2, jan));  // twice
  q.OnHireIn(Hire("333333330", 0, 2, feb));  // paid by A in February: fine
  Delivery validation;
  nlohmann::ordered_json report = q.Report(validation);
  EXPECT_EQ(report["hire_in_rows_without_payroll"], 4);
  EXPECT_EQ(report["payroll_rows_not_in_register"], 1);
  EXPECT_EQ(report["payroll_persons_not_in_register"], 1);
  EXPECT_EQ(report["employers_without_payroll"], 1);  // C
  EXPECT_EQ(report["employers_without_payroll_first"], nlohmann::ordered_json::array({"C"}));
  EXPECT_EQ(report["months_covered"]["payroll.csv"]["months"], 2);
  // The report is the same when asked twice (it sorts what it collected).
  EXPECT_EQ(q.Report(validation), report);
}

TEST(QualityCollector, NumberedRowsCountAsTheirIds) {
  // The import numbers persons (row_sink.h); the collector looks a number up once.
  QualityCollector q;
  q.OnEmployer(MakeEmployer("A"), 2);
  q.OnEmployer(MakeEmployer("B"), 3);
  data::RegisterRow reg = Registered("111111110");
  reg.person_number = 0;
  q.OnRegister(reg);
  const MonthIndex jan = 2024 * 12;
  data::PayrollRow pay = Pay("111111110", 0, jan);
  pay.person_number = 0;
  q.OnPayroll(pay);
  data::PayrollRow other = Pay("555555550", 0, jan);
  other.person_number = 1;
  q.OnPayroll(other);
  data::HireInRow hire = Hire("111111110", 0, 1, jan);
  hire.person_number = 0;
  q.OnHireIn(hire);
  data::HireInRow unpaid = Hire("555555550", 1, 0, jan);
  unpaid.person_number = 1;
  q.OnHireIn(unpaid);
  nlohmann::ordered_json report = q.Report(Delivery{});
  EXPECT_EQ(report["hire_in_rows_without_payroll"], 1);
  EXPECT_EQ(report["payroll_rows_not_in_register"], 1);
}

}  // namespace
}  // namespace banenmonitor::store
