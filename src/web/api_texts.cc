// The sectors' texts for the letter in the dashboard (docs/brief.md §2,
// docs/dashboard.md): GET /api/v1/texts?year=Y[&scope=S], POST
// /api/v1/texts (a new version: JSON {scope, year, markdown, status}), POST
// /api/v1/texts/accept (JSON {scope, year}; analysts and admins). A sector
// user reads and writes only its own scope's text (403 for any other); every
// change is a new version and a line in the audit log; POSTs need the CSRF
// token like every change (server.cc).
#include <fmt/format.h>

#include "common/lang.h"
#include "report/realisation_format.h"
#include "web/dashboard.h"
#include "web/sector_input.h"

namespace banenmonitor::web {

namespace {

HttpResult<void> MayUseText(const Principal& who, const std::string& scope) {
  if (who.role == Role::kSector && who.scope != scope) {
    return Refuse(403, std::string(Pick("Geen toegang: alleen de tekst van de eigen sector.", "No access: only your own sector's text.")));
  }
  return {};
}

Json TextJson(const store::SectorTextRecord& v) {
  return Json{{"scope", v.scope}, {"label", report::ScopeLabel(v.scope)}, {"year", v.year}, {"version", v.version},
              {"status", v.status}, {"markdown", v.markdown}, {"author", v.author}, {"at", v.at}};
}

HttpResult<int> TextYear(const std::string& text) {
  if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos) {
    return Refuse(400, Say("Jaar '{}': geef een jaar, bijvoorbeeld 2024.", "Year '{}': give a year, e.g. 2024.", text.substr(0, 16)));
  }
  return std::stoi(text);
}

HttpResult<Json> Body(const Call& c) {
  Json body = Json::parse(c.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return Refuse(400, std::string(Pick("De inhoud is geen JSON-object.", "The body is no JSON object.")));
  for (const char* key : {"scope", "year"}) {
    if (!body.contains(key)) return Refuse(400, Say("'{}' ontbreekt.", "'{}' is missing.", key));
  }
  if (!body["scope"].is_string() || !body["year"].is_number_integer()) {
    return Refuse(400, std::string(Pick("scope is tekst, year een geheel getal.", "scope is text, year an integer.")));
  }
  return body;
}

HttpError FromStatus(const Status& s) { return {s.exit_code() == 2 ? 400 : 500, s.message()}; }

}  // namespace

HttpResult<Reply> Dashboard::Texts(const Call& c) {
  auto year = TextYear(c.Get("year"));
  if (!year) return std::unexpected(year.error());
  const std::string scope = c.Get("scope", c.who.role == Role::kSector ? c.who.scope : "");
  if (c.who.role == Role::kSector || !scope.empty()) {
    if (auto ok = MayUseText(c.who, scope); !ok) return std::unexpected(ok.error());
  }
  Result<std::vector<store::SectorTextRecord>> versions = [&] {
    std::lock_guard lock(workspace_mutex);
    return accounts->ReadSectorTexts(*year);
  }();
  if (!versions) return Refuse(500, versions.error().message());
  Json out = Json::array();
  for (const auto& v : *versions) {
    if (scope.empty() || v.scope == scope) out.push_back(TextJson(v));
  }
  return Reply::FromJson(Json{{"year", *year}, {"versions", out}});
}

HttpResult<Reply> Dashboard::WriteText(const Call& c) {
  auto body = Body(c);
  if (!body) return std::unexpected(body.error());
  const std::string scope = (*body)["scope"];
  if (auto ok = MayUseText(c.who, scope); !ok) return std::unexpected(ok.error());
  if (!body->contains("markdown") || !(*body)["markdown"].is_string()) {
    return Refuse(400, std::string(Pick("'markdown' ontbreekt of is geen tekst.", "'markdown' is missing or no text.")));
  }
  const std::string status = body->value("status", std::string(kTextConcept));
  Result<store::SectorTextRecord> added = [&] {
    std::lock_guard lock(workspace_mutex);
    return WriteSectorText(*accounts, scope, (*body)["year"].get<int>(), (*body)["markdown"].get<std::string>(),
                           status, c.who.name, c.address);
  }();
  if (!added) return std::unexpected(FromStatus(added.error()));
  return Reply::FromJson(TextJson(*added), 201);
}

HttpResult<Reply> Dashboard::AcceptText(const Call& c) {
  if (c.who.role == Role::kSector) {
    return Refuse(403, std::string(Pick("Geen toegang: akkoord geven is aan een analist.", "No access: accepting is for an analyst.")));
  }
  auto body = Body(c);
  if (!body) return std::unexpected(body.error());
  Result<store::SectorTextRecord> added = [&] {
    std::lock_guard lock(workspace_mutex);
    return AcceptSectorText(*accounts, (*body)["scope"].get<std::string>(), (*body)["year"].get<int>(),
                            c.who.name, c.address);
  }();
  if (!added) return std::unexpected(FromStatus(added.error()));
  return Reply::FromJson(TextJson(*added));
}

}  // namespace banenmonitor::web
