#include "web/sector_input.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <map>

#include "common/lang.h"

namespace banenmonitor::web {

namespace {

std::string UtcNowIso() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

bool ValidUtf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

Status Logged(store::AccountStore& store, const store::SectorTextRecord& r, const std::string& address) {
  return store.AppendAudit({0, r.at, r.author, "sector-text",
                            fmt::format("{} {} versie {}: {}", r.scope, r.year, r.version, r.status), address});
}

}  // namespace

Result<store::SectorTextRecord> WriteSectorText(store::AccountStore& store, const std::string& scope, int year,
                                                const std::string& markdown, const std::string& status,
                                                const std::string& author, const std::string& address) {
  if (!scope.starts_with("subsector:") || scope == "subsector:market" || scope.size() <= 10) {
    return Fail(Status::InvalidInput(Say("{}: een tekst hoort bij een publieke sector (subsector:NAAM, bijvoorbeeld subsector:gemeenten)",
                                         "{}: a text belongs to a public sector (subsector:NAME, e.g. subsector:gemeenten)", scope)));
  }
  if (status != kTextConcept && status != kTextSubmitted) {
    return Fail(Status::InvalidInput(Say("status {}: kies concept of ingediend", "status {}: choose concept or ingediend", status)));
  }
  if (markdown.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(Status::InvalidInput(std::string(Pick("de tekst is leeg", "the text is empty"))));
  }
  if (markdown.size() > kMaxSectorTextBytes || !ValidUtf8(markdown)) {
    return Fail(Status::InvalidInput(Say("de tekst moet UTF-8 zijn en ten hoogste {} bytes lang (nu {})",
                                         "the text must be UTF-8 and at most {} bytes long (now {})", kMaxSectorTextBytes,
                                         markdown.size())));
  }
  auto added = store.AddSectorText({0, scope, year, 0, status, markdown, author, UtcNowIso()});
  if (!added) return added;
  if (Status s = Logged(store, *added, address); !s.ok()) return Fail(s);
  return added;
}

Result<store::SectorTextRecord> AcceptSectorText(store::AccountStore& store, const std::string& scope, int year,
                                                 const std::string& author, const std::string& address) {
  auto versions = store.ReadSectorTexts(year);
  if (!versions) return Fail(versions.error());
  const store::SectorTextRecord* latest = nullptr;
  for (const auto& v : *versions) {
    if (v.scope == scope) latest = &v;
  }
  if (latest == nullptr || latest->status != kTextSubmitted) {
    return Fail(Status::InvalidInput(Say("{} {}: er is geen ingediende tekst om akkoord te geven{}",
                                         "{} {}: there is no submitted text to accept{}", scope, year,
                                         latest == nullptr ? "" : fmt::format(" (de laatste versie is {})", latest->status))));
  }
  auto added = store.AddSectorText({0, scope, year, 0, kTextAccepted, latest->markdown, author, UtcNowIso()});
  if (!added) return added;
  if (Status s = Logged(store, *added, address); !s.ok()) return Fail(s);
  return added;
}

std::vector<store::SectorTextRecord> LatestPerScope(const std::vector<store::SectorTextRecord>& versions) {
  std::map<std::string, store::SectorTextRecord> latest;
  for (const auto& v : versions) {
    auto [it, added] = latest.emplace(v.scope, v);
    if (!added && v.version > it->second.version) it->second = v;
  }
  std::vector<store::SectorTextRecord> out;
  for (auto& [scope, v] : latest) out.push_back(std::move(v));
  return out;
}

std::vector<report::SectorText> TextsForLetter(const std::vector<store::SectorTextRecord>& versions) {
  std::map<std::string, const store::SectorTextRecord*> accepted, submitted;
  for (const auto& v : versions) {
    if (v.status != kTextAccepted && v.status != kTextSubmitted) continue;  // a concept is not for the letter
    auto& slot = v.status == kTextAccepted ? accepted[v.scope] : submitted[v.scope];
    if (slot == nullptr || v.version > slot->version) slot = &v;
  }
  std::vector<report::SectorText> out;
  for (const auto& [scope, v] : submitted) {
    if (!accepted.contains(scope)) accepted[scope] = v;
  }
  for (const auto& [scope, v] : accepted) out.push_back({scope, v->status, v->markdown});
  return out;
}

}  // namespace banenmonitor::web
