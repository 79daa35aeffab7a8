// Jobs in the synthetic Netherlands: a month-by-month simulation of spells of
// employment (person, payroll employer, hirer) from the nulmeting (December
// 2012) to December of --to. Each month spells end (contract ends, dismissal,
// registration ends), people change jobs, and vacancies are filled from the
// register until every cell of the plan has about the number of people its
// jobs need. The hours are calibrated afterwards (calibration.h).
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "generate/employers.h"
#include "generate/plan.h"
#include "generate/population.h"
#include "generate/rng.h"

namespace banenmonitor::generate {

enum class Channel : unsigned char {
  kDirect,        // on the payroll of an employer of the cell
  kHireAgency,    // on an agency's payroll, hired in by an employer of the cell
  kHireWsw,       // Wsw employment (wsw = 1), seconded to an employer of the cell
  kAgencyDirect,  // agency staff whose hours no hirer attributes (counts at the agency: market)
  kWswInternal,   // Wsw employment not seconded (does not count, Wfsv art. 122n)
  kVoorziening,   // a `voorziening` person at a regular employer (quotum only)
};

struct Spell {
  std::uint32_t person = 0;
  std::uint32_t bsn = 0;                  // the person's BSN (kept here: the writer reads spells in sequence)
  std::uint32_t employer = 0;             // payroll employer
  std::uint32_t hirer = kNoEmployer;      // hire-in: the hirer
  std::uint32_t sroi_buyer = kNoEmployer; // social return: the government buyer
  DayNumber start = 0;
  DayNumber end = kOpenEnd;               // inclusive
  DayNumber permanent_from = kOpenEnd;    // the contract is permanent from this day
  MonthIndex hours_change = INT_MAX;      // weekly2 applies from this month
  MonthIndex sroi_from = 0, sroi_to = -1; // months under a social-return clause
  float weekly = 0, weekly2 = 0;          // contract hours a week
  float attributed = 1;                   // hire-in hours / payroll hours: < 1 partial, > 1 above payroll
  float sroi_share = 0;                   // SROI hours / payroll hours
  std::int16_t cell = -1;                 // plan cell where the hours count; -1: nowhere
  Channel channel = Channel::kDirect;
  bool on_call = false;                   // oproepcontract: hours vary strongly, some months zero
  bool contract_unknown = false;          // the contract column is left empty

  bool hired() const { return channel == Channel::kHireAgency || channel == Channel::kHireWsw; }
  bool wsw() const { return channel == Channel::kHireWsw || channel == Channel::kWswInternal; }
};

struct Simulation {
  std::vector<Spell> spells;  // in order of creation: by the month in which they become active
  std::int64_t unfilled = 0;  // vacancies that found nobody in the register
};

using ProgressFn = std::function<void(std::string_view step, double fraction)>;

// Runs the simulation; `first_month` is December of kNulmetingYear.
Simulation Simulate(const Plan& plan, const EmployerUniverse& employers, const Population& population, Rng& rng,
                    const ProgressFn& progress);

// Paid hours of a spell in a month before calibration: contract hours x 13/3
// weeks, pro rata for a partial month, with month-to-month noise that depends
// only on (seed, spell, month).
double MonthHours(const Spell& spell, std::uint32_t spell_index, MonthIndex m, std::uint64_t seed);

inline constexpr MonthIndex kFirstMonth = MakeMonth(kNulmetingYear, 12);

}  // namespace banenmonitor::generate
