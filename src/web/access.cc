#include "web/access.h"

#include <algorithm>

#include "count/scopes.h"
#include "common/lang.h"

namespace banenmonitor::web {

HttpError HttpErrorOf(const Status& s) {
  const bool ours = s.code() == Status::Code::kInternal || s.code() == Status::Code::kIoError;
  return HttpError{ours ? 500 : 400, s.message()};
}

ScopeIndex::ScopeIndex(const std::vector<Employer>& employers) {
  by_level_.resize(5);
  for (EmployerIndex i = 0; i < employers.size(); ++i) {
    employers_["total"].push_back(i);
    for (ScopeLevel level : count::kLevels) {
      std::string scope = count::ScopeOf(employers[i], level);
      if (!scope.empty()) employers_[scope].push_back(i);
    }
  }
  if (employers.empty()) employers_["total"];
  for (auto& [scope, list] : employers_) {
    std::sort(list.begin(), list.end());
    if (auto level = LevelOfScope(scope)) by_level_[static_cast<int>(*level)].push_back(scope);
  }
  for (auto& names : by_level_) std::sort(names.begin(), names.end());
  scope_of_.assign(by_level_.size(), std::vector<std::uint32_t>(employers.size(), kNoScope));
  for (std::size_t level = 0; level < by_level_.size(); ++level) {
    for (std::uint32_t k = 0; k < by_level_[level].size(); ++k) {
      for (EmployerIndex e : employers_.find(by_level_[level][k])->second) scope_of_[level][e] = k;
    }
  }
  constexpr std::pair<ScopeLevel, ScopeLevel> kRelations[] = {
      {ScopeLevel::kTotal, ScopeLevel::kSector},           {ScopeLevel::kSector, ScopeLevel::kSubsector},
      {ScopeLevel::kSubsector, ScopeLevel::kOrganisation}, {ScopeLevel::kSubsector, ScopeLevel::kEmployer},
      {ScopeLevel::kOrganisation, ScopeLevel::kEmployer}};
  for (auto [outer_level, level] : kRelations) {
    for (const std::string& outer : by_level_[static_cast<int>(outer_level)]) {
      if (Partitions(level, outer)) partitions_[outer][static_cast<int>(level)] = ScopesWithin(level, outer);
    }
  }
}

const std::vector<EmployerIndex>* ScopeIndex::EmployersOf(std::string_view scope) const {
  auto it = employers_.find(scope);
  return it == employers_.end() ? nullptr : &it->second;
}

const std::vector<std::string>* ScopeIndex::PartitionOf(ScopeLevel level, std::string_view outer) const {
  auto it = partitions_.find(outer);
  const int l = static_cast<int>(level);
  if (it == partitions_.end() || l < 0 || l >= static_cast<int>(it->second.size()) || !it->second[l]) return nullptr;
  return &*it->second[l];
}

bool ScopeIndex::Known(std::string_view scope) const { return EmployersOf(scope) != nullptr; }

bool ScopeIndex::Within(std::string_view inner, std::string_view outer) const {
  const auto* in = EmployersOf(inner);
  const auto* out = EmployersOf(outer);
  if (in == nullptr || out == nullptr) return false;
  if (inner == outer) return true;
  // A scope of a higher level is never inside one of a lower level, even when
  // it happens to hold the same employers (a sector with one subsector).
  auto li = LevelOfScope(inner), lo = LevelOfScope(outer);
  if (!li || !lo || static_cast<int>(*li) <= static_cast<int>(*lo)) return false;
  if (in->size() == 1) return std::binary_search(out->begin(), out->end(), in->front());  // an employer: fast path
  return !in->empty() && std::includes(out->begin(), out->end(), in->begin(), in->end());
}

std::vector<std::string> ScopeIndex::ScopesWithin(ScopeLevel level, std::string_view outer) const {
  std::vector<std::string> out;
  const auto* employers = EmployersOf(outer);
  if (by_level_.empty() || employers == nullptr) return out;
  // Only a scope that holds one of outer's employers can lie within it.
  const auto& scope_of = scope_of_[static_cast<int>(level)];
  std::vector<std::uint32_t> candidates;
  for (EmployerIndex e : *employers) {
    if (scope_of[e] != kNoScope) candidates.push_back(scope_of[e]);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (std::uint32_t k : candidates) {  // in name order, as by_level_
    const std::string& name = by_level_[static_cast<int>(level)][k];
    if (name == outer || Within(name, outer)) out.push_back(name);
  }
  return out;
}

bool ScopeIndex::Partitions(ScopeLevel level, std::string_view outer) const {
  const auto* all = EmployersOf(outer);
  if (all == nullptr) return false;
  std::size_t covered = 0;
  for (const auto& name : ScopesWithin(level, outer)) {
    if (name == outer) return false;  // the same scope: no relation
    covered += EmployersOf(name)->size();
  }
  // Scopes of one level are disjoint, so the sizes add up exactly when they cover `outer`.
  return covered == all->size() && covered > 0;
}

std::optional<ScopeLevel> LevelOfScope(std::string_view scope) {
  if (scope == "total") return ScopeLevel::kTotal;
  if (scope == "government" || scope == "market") return ScopeLevel::kSector;
  if (scope.starts_with("subsector:")) return ScopeLevel::kSubsector;
  if (scope.starts_with("organisation:")) return ScopeLevel::kOrganisation;
  if (scope.starts_with("employer:")) return ScopeLevel::kEmployer;
  return std::nullopt;
}

bool IsNationalAggregate(std::string_view scope) {
  return scope == "total" || scope == "government" || scope == "market";
}

std::string DefaultScope(const Principal& who) { return who.role == Role::kSector ? who.scope : "total"; }

HttpResult<void> AuthoriseScope(const Principal& who, const ScopeIndex& index, std::string_view scope) {
  if (who.role == Role::kSector) {
    if (scope == who.scope || index.Within(scope, who.scope)) return {};
    return Refuse(403, Say("Geen toegang: deze gegevens vallen buiten uw sector ({}).",
                            "No access: these figures lie outside your sector ({}).", who.scope));
  }
  if (!index.Known(scope)) return Refuse(404, Say("Geen werkgevers in {} in deze levering.", "No employers in {} in this delivery.", scope));
  return {};
}

bool MaySeeRow(const Principal& who, const ScopeIndex& index, std::string_view row_scope) {
  if (who.role != Role::kSector) return true;
  return IsNationalAggregate(row_scope) || row_scope == who.scope || index.Within(row_scope, who.scope);
}

}  // namespace banenmonitor::web
