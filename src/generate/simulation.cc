// The month-by-month simulation of jobs (see simulation.h).
#include "generate/simulation.h"

#include <algorithm>
#include <cmath>

#include "generate/dates.h"

namespace banenmonitor::generate {

namespace {

// Persons per job of 25.5 hours, from the mean contract hours of a channel.
constexpr double kPersonsPerJobDirect = 25.5 / 30.2;
constexpr double kPersonsPerJobAgency = 25.5 / 27.0;
constexpr double kPersonsPerJobWsw = 25.5 / 30.5;
// Share of hired-in jobs that are Wsw secondments (the rest: agencies).
constexpr double kWswShareOfHire = 0.47;
// Share of Wsw-registered persons with a Wsw job; of voorziening persons working.
constexpr double kWswWorking = 0.92;
constexpr double kVoorzieningWorking = 0.55;
// Chance that a job whose registration ends goes on (its hours no longer count).
constexpr double kDetachOnRegisterEnd = 0.3;

// A running spell as the monthly loop sees it: what it needs to decide
// whether the spell ends, without touching the spell or the person (the loop
// visits every running spell every month; these stay in cache).
struct Running {
  std::uint32_t spell;
  DayNumber register_end;    // the person's last registered day
  DayNumber permanent_from;  // the contract is permanent from this day
  bool on_call;
};

struct Slot {
  int cell = -1;
  Channel channel = Channel::kDirect;
  PersonKind kind = PersonKind::kGeneral;
  std::vector<Running> active;
};

struct Leaver {
  std::uint32_t person;
  DayNumber end;
};

// Chance a month that a spell ends, by channel and contract.
double Hazard(Channel channel, const Running& s, DayNumber day) {
  bool permanent = s.permanent_from <= day;
  switch (channel) {
    case Channel::kHireAgency:
    case Channel::kAgencyDirect: return permanent ? 0.02 : 0.045;
    case Channel::kHireWsw: return 0.025;
    case Channel::kWswInternal: return 0.004;
    default: break;
  }
  if (s.on_call) return 0.05;
  return permanent ? 0.009 : 0.028;
}

class Simulator {
 public:
  Simulator(const Plan& plan, const EmployerUniverse& u, const Population& pop, Rng& rng)
      : plan_(plan), u_(u), pop_(pop), rng_(rng), working_(pop.persons.size(), false) {
    for (std::size_t c = 0; c < plan.cells.size(); ++c) {
      const CellPlan& cell = plan.cells[c];
      bool hired = *std::max_element(cell.hired.begin(), cell.hired.end()) > 0;
      AddSlot(static_cast<int>(c), Channel::kDirect, PersonKind::kGeneral);
      if (hired) {
        AddSlot(static_cast<int>(c), Channel::kHireAgency, PersonKind::kGeneral);
        AddSlot(static_cast<int>(c), Channel::kHireWsw, PersonKind::kWsw);
      }
      if (cell.kind == CellKind::kMarket) AddSlot(static_cast<int>(c), Channel::kAgencyDirect, PersonKind::kGeneral);
    }
    AddSlot(-1, Channel::kWswInternal, PersonKind::kWsw);
    AddSlot(-1, Channel::kVoorziening, PersonKind::kVoorziening);
    last_month_ = MakeMonth(plan.to_year, 12);
    // Registered Wsw and voorziening persons per month (difference arrays).
    std::size_t months = static_cast<std::size_t>(last_month_ - kFirstMonth + 2);
    wsw_registered_.assign(months, 0);
    voorziening_registered_.assign(months, 0);
    for (const auto& p : pop.persons) {
      auto* counts = p.kind == PersonKind::kWsw ? &wsw_registered_
                     : p.kind == PersonKind::kVoorziening ? &voorziening_registered_ : nullptr;
      if (counts == nullptr) continue;
      MonthIndex a = std::max(kFirstMonth, MonthOfDay(p.start));
      MonthIndex b = p.end == kOpenEnd ? last_month_ : std::min(last_month_, MonthOfDay(p.end));
      if (b < a) continue;
      (*counts)[static_cast<std::size_t>(a - kFirstMonth)] += 1;
      (*counts)[static_cast<std::size_t>(b - kFirstMonth + 1)] -= 1;
    }
    for (std::size_t i = 1; i < months; ++i) {
      wsw_registered_[i] += wsw_registered_[i - 1];
      voorziening_registered_[i] += voorziening_registered_[i - 1];
    }
  }

  Simulation Run(const ProgressFn& progress) {
    for (MonthIndex m = kFirstMonth; m <= last_month_; ++m) {
      Month(m);
      if (progress) progress("simulating jobs", static_cast<double>(m - kFirstMonth + 1) / (last_month_ - kFirstMonth + 1));
    }
    return std::move(sim_);
  }

 private:
  void AddSlot(int cell, Channel channel, PersonKind kind) { slots_.push_back({cell, channel, kind, {}}); }

  std::vector<std::uint32_t>& Pool(PersonKind k) { return pools_[static_cast<int>(k)]; }
  std::vector<Leaver>& Changers(PersonKind k) { return changers_[static_cast<int>(k)]; }

  void Month(MonthIndex m) {
    first_ = FirstDay(m);
    last_ = LastDay(m);
    // Newly registered persons become available.
    while (next_person_ < pop_.persons.size() && pop_.persons[next_person_].start <= last_) {
      Pool(pop_.persons[next_person_].kind).push_back(static_cast<std::uint32_t>(next_person_));
      ++next_person_;
    }
    for (auto& c : changers_) c.clear();
    pending_.clear();
    // Spells end.
    for (auto& slot : slots_) {
      std::size_t keep = 0;
      for (const Running& r : slot.active) {
        if (!EndsThisMonth(slot, r)) slot.active[keep++] = r;
      }
      slot.active.resize(keep);
    }
    std::size_t keep = 0;
    for (std::uint32_t s : detached_) {
      if (rng_.Chance(0.04)) {
        End(s, RandomDay(sim_.spells[s].start), false, PersonKind::kGeneral);
      } else {
        detached_[keep++] = s;
      }
    }
    detached_.resize(keep);
    // Staff each slot to its target for the month.
    double t = YearOf(m) + (MonthOf(m) - 0.5) / 12.0;
    std::vector<double> targets(slots_.size(), 0.0);
    double wsw_seconded = 0;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      targets[i] = Target(slots_[i], t);
      if (slots_[i].channel == Channel::kHireWsw) wsw_seconded += targets[i];
    }
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      double v = targets[i];
      std::size_t idx = static_cast<std::size_t>(m - kFirstMonth);
      if (slot.channel == Channel::kWswInternal) v = std::max(0.0, kWswWorking * wsw_registered_[idx] - wsw_seconded);
      if (slot.channel == Channel::kVoorziening) v = kVoorzieningWorking * voorziening_registered_[idx];
      auto n = static_cast<std::size_t>(std::llround(v));
      // Every cell keeps at least one person on its direct payroll, so that its
      // jobs can be calibrated; a hired channel of less than half a person is
      // left empty (calibration then moves its jobs to the direct channel).
      if (slot.cell >= 0 && slot.channel == Channel::kDirect && v > 0 && n == 0) n = 1;
      while (slot.active.size() > n) {  // fewer jobs: random spells end
        std::size_t k = rng_.Below(slot.active.size());
        std::uint32_t s = slot.active[k].spell;
        slot.active[k] = slot.active.back();
        slot.active.pop_back();
        End(s, RandomDay(sim_.spells[s].start), false, slot.kind);
      }
      while (slot.active.size() < n) {
        if (!Hire(slot, m)) {
          sim_.unfilled += static_cast<std::int64_t>(n - slot.active.size());
          break;
        }
      }
    }
    for (auto& c : changers_) {
      for (const auto& l : c) Pool(pop_.persons[l.person].kind).push_back(l.person);
    }
    for (std::uint32_t p : pending_) Pool(pop_.persons[p].kind).push_back(p);
  }

  double Target(const Slot& slot, double t) const {
    if (slot.cell < 0) return 0;
    const CellPlan& c = plan_.cells[static_cast<std::size_t>(slot.cell)];
    // A cell without jobs in a year (Binnenwerk before 2016) has nobody in it that year.
    if (c.jobs[static_cast<std::size_t>(Plan::Index(static_cast<int>(t)))] <= 0) return 0;
    double jobs = Plan::Interpolate(c.jobs, t);
    double hired = Plan::Interpolate(c.hired, t);
    double agency_direct = Plan::Interpolate(c.agency_direct, t);
    switch (slot.channel) {
      case Channel::kDirect: return std::max(0.0, jobs - hired - agency_direct) * kPersonsPerJobDirect;
      case Channel::kHireAgency: return hired * (1 - kWswShareOfHire) * kPersonsPerJobAgency;
      case Channel::kHireWsw: return hired * kWswShareOfHire * kPersonsPerJobWsw;
      case Channel::kAgencyDirect: return agency_direct * kPersonsPerJobAgency;
      default: return 0;
    }
  }

  DayNumber RandomDay(DayNumber not_before) {
    DayNumber lo = std::max(first_, not_before);
    return lo + static_cast<DayNumber>(rng_.Below(static_cast<std::uint64_t>(last_ - lo + 1)));
  }

  // Ends spell `s` on `end`; its person becomes available again (as a job
  // changer in the same month when `change`, else from next month).
  void End(std::uint32_t s, DayNumber end, bool change, PersonKind kind) {
    Spell& sp = sim_.spells[s];
    sp.end = end;
    working_[sp.person] = false;
    if (change && end < last_) Changers(kind).push_back({sp.person, end});
    else pending_.push_back(sp.person);
  }

  bool EndsThisMonth(const Slot& slot, const Running& r) {
    if (r.register_end > last_) {
      if (!rng_.Chance(Hazard(slot.channel, r, first_))) return false;
      double change = slot.kind == PersonKind::kWsw ? (slot.channel == Channel::kHireWsw ? 0.85 : 0.5) : 0.35;
      // One draw per statement: the order of a call's arguments is unspecified
      // (GCC and clang differ), and the same seed must give the same bytes.
      bool changes_job = rng_.Chance(change);
      DayNumber end_day = RandomDay(sim_.spells[r.spell].start);
      End(r.spell, end_day, changes_job, slot.kind);
      return true;
    }
    // The registration ends this month.
    Spell& sp = sim_.spells[r.spell];
    working_[sp.person] = false;
    if (slot.cell >= 0 && rng_.Chance(kDetachOnRegisterEnd)) {
      detached_.push_back(r.spell);  // the job goes on; its hours no longer count
      return true;
    }
    sp.end = std::max(sp.start, std::min(r.register_end, last_));
    return true;
  }

  // Takes an available person of `kind` who is registered on some day of the
  // month; job changers of this month first. Returns false when there is none.
  bool TakePerson(PersonKind kind, std::uint32_t& person, DayNumber& start, bool initial) {
    auto& changers = Changers(kind);
    if (!changers.empty() && rng_.Chance(0.7)) {
      std::size_t k = rng_.Below(changers.size());
      person = changers[k].person;
      start = changers[k].end + 1;
      changers[k] = changers.back();
      changers.pop_back();
      return true;
    }
    auto& pool = Pool(kind);
    int tries = 0;
    while (!pool.empty()) {
      std::size_t k = rng_.Below(pool.size());
      std::uint32_t p = pool[k];
      const GenPerson& gp = pop_.persons[p];
      bool usable = !working_[p] && gp.end >= first_;
      // Employers take some grounds more readily than others.
      if (usable && tries++ < 4 && !rng_.Chance(Acceptance(gp.ground))) continue;
      pool[k] = pool.back();
      pool.pop_back();
      if (!usable) continue;
      person = p;
      DayNumber lo = std::max(first_, gp.start), hi = std::min(last_, gp.end);
      start = lo + static_cast<DayNumber>(rng_.Below(static_cast<std::uint64_t>(hi - lo + 1)));
      if (initial) {  // jobs that already ran at the nulmeting
        start = std::max(gp.start, first_ - static_cast<DayNumber>(rng_.Exponential(5 * 365.25)));
      }
      return true;
    }
    return false;
  }

  static double Acceptance(Ground g) {
    switch (g) {
      case Ground::kWajong: return 0.9;
      case Ground::kVsoPro: return 0.9;
      case Ground::kIndicatie: return 0.8;
      case Ground::kGelijkgesteld: return 0.75;
      case Ground::kTransitie: return 0.7;
      case Ground::kWiaExperiment: return 0.5;
      default: return 0.6;
    }
  }

  bool Hire(Slot& slot, MonthIndex m) {
    std::uint32_t person;
    DayNumber start;
    bool initial = m == kFirstMonth;
    if (!TakePerson(slot.kind, person, start, initial)) return false;
    Spell sp;
    sp.person = person;
    sp.bsn = pop_.persons[person].bsn;
    sp.start = start;
    sp.cell = static_cast<std::int16_t>(slot.cell);
    sp.channel = slot.channel;
    bool agency = slot.channel == Channel::kHireAgency || slot.channel == Channel::kAgencyDirect;
    switch (slot.channel) {
      case Channel::kDirect: sp.employer = u_.by_cell[static_cast<std::size_t>(slot.cell)].Pick(rng_); break;
      case Channel::kHireAgency:
        sp.employer = u_.agencies.Pick(rng_);
        sp.hirer = u_.by_cell[static_cast<std::size_t>(slot.cell)].Pick(rng_);
        break;
      case Channel::kHireWsw:
        sp.employer = u_.wsw_employers.Pick(rng_);
        sp.hirer = u_.by_cell[static_cast<std::size_t>(slot.cell)].Pick(rng_);
        break;
      case Channel::kAgencyDirect: sp.employer = u_.agencies.Pick(rng_); break;
      case Channel::kWswInternal: sp.employer = u_.wsw_employers.Pick(rng_); break;
      case Channel::kVoorziening: sp.employer = u_.all_regular.Pick(rng_); break;
    }
    if (sp.wsw()) {
      sp.weekly = static_cast<float>(std::clamp(rng_.Normal(31, 4), 12.0, 36.0));
      sp.permanent_from = start;
    } else if (agency) {
      sp.weekly = static_cast<float>(std::clamp(rng_.Normal(27, 8), 8.0, 40.0));
      // Agency work is temporary; some reach a permanent agency contract (phase C) after 1.5 years.
      if (rng_.Chance(0.3)) sp.permanent_from = start + 540;
    } else {
      sp.weekly = static_cast<float>(std::clamp(rng_.Normal(30.5, 7), 8.0, 40.0));
      if (rng_.Chance(initial ? 0.65 : 0.35)) sp.permanent_from = start;
      else if (rng_.Chance(0.6)) sp.permanent_from = start + static_cast<DayNumber>(rng_.Exponential(420));
      // Oproepcontracten (some months without hours) in the market only.
      sp.on_call = slot.cell == 0 && sp.permanent_from != start && rng_.Chance(0.05);
    }
    sp.weekly2 = sp.weekly;
    if (rng_.Chance(0.2)) {
      sp.hours_change = m + static_cast<MonthIndex>(rng_.Between(6, 60));
      double size = rng_.Uniform(2, 8);  // one draw per statement: operand order is unspecified
      double delta = rng_.Chance(0.5) ? size : -size;
      sp.weekly2 = static_cast<float>(std::clamp(sp.weekly + delta, 6.0, 40.0));
    }
    sp.contract_unknown = rng_.Chance(0.02);
    if (sp.hired()) {
      double u = rng_.Uniform();
      sp.attributed = u < 0.90 ? 1.0f : u < 0.97 ? static_cast<float>(rng_.Uniform(0.5, 0.95)) : 1.1f;
    }
    // Social return: some staff of suppliers work under a clause of a government buyer.
    if (slot.channel == Channel::kDirect && slot.cell == 0 && u_.employers[sp.employer].sroi_contractor &&
        !u_.sroi_buyers.empty() && rng_.Chance(0.35)) {
      sp.sroi_buyer = u_.sroi_buyers.Pick(rng_);
      sp.sroi_from = std::max(m, MakeMonth(2015, 1)) + static_cast<MonthIndex>(rng_.Between(0, 6));
      sp.sroi_to = sp.sroi_from + static_cast<MonthIndex>(rng_.Between(6, 36));
      sp.sroi_share = rng_.Chance(0.05) ? 1.15f : static_cast<float>(rng_.Uniform(0.4, 1.0));
    }
    working_[person] = true;
    slot.active.push_back({static_cast<std::uint32_t>(sim_.spells.size()), pop_.persons[person].end, sp.permanent_from, sp.on_call});
    sim_.spells.push_back(sp);
    return true;
  }

  const Plan& plan_;
  const EmployerUniverse& u_;
  const Population& pop_;
  Rng& rng_;
  Simulation sim_;
  std::vector<Slot> slots_;
  std::vector<bool> working_;
  std::vector<std::uint32_t> pools_[3];
  std::vector<Leaver> changers_[3];
  std::vector<std::uint32_t> pending_;
  std::vector<std::uint32_t> detached_;
  std::vector<std::int64_t> wsw_registered_, voorziening_registered_;
  std::size_t next_person_ = 0;
  MonthIndex last_month_ = 0;
  DayNumber first_ = 0, last_ = 0;
};

}  // namespace

Simulation Simulate(const Plan& plan, const EmployerUniverse& employers, const Population& population, Rng& rng,
                    const ProgressFn& progress) {
  return Simulator(plan, employers, population, rng).Run(progress);
}

double MonthHours(const Spell& s, std::uint32_t spell_index, MonthIndex m, std::uint64_t seed) {
  DayNumber first = FirstDay(m), last = LastDay(m);
  DayNumber a = std::max(s.start, first), b = std::min(s.end, last);
  if (b < a) return 0;
  double fraction = static_cast<double>(b - a + 1) / static_cast<double>(last - first + 1);
  double weekly = m >= s.hours_change ? s.weekly2 : s.weekly;
  double u = HashUnit(seed, spell_index, static_cast<std::uint64_t>(m));
  double noise;
  if (s.on_call) {
    noise = u < 0.06 ? 0.0 : 0.4 + 1.2 * HashUnit(seed ^ 0x6f6e63616c6cULL, spell_index, static_cast<std::uint64_t>(m));
  } else {
    noise = 0.97 + 0.06 * u;  // overtime, unpaid leave, a payment in arrears
  }
  return weekly * 13.0 / 3.0 * fraction * noise;
}

}  // namespace banenmonitor::generate
