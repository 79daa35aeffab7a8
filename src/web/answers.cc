#include "web/answers.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/lang.h"
#include "web/access.h"

namespace banenmonitor::web {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kMagic = "banenmonitor-answers 1\n";

// The parameters of each route whose answers may be prepared, with the value a
// handler takes when one is left out ("" where it depends: the year, the
// scope and the level; see Defaults).
const std::map<std::string, std::map<std::string, std::string>>& Routes() {
  static const std::map<std::string, std::map<std::string, std::string>> routes = {
      {"/api/v1/snapshots", {}},
      {"/api/v1/realisation",
       {{"year", ""}, {"window", "q4"}, {"scope", ""}, {"level", ""}, {"regime", "current"}, {"sroi", "0"}}},
      {"/api/v1/trend", {{"scope", ""}, {"regime", "current"}}},
      {"/api/v1/chart/trend.svg", {{"scope", ""}, {"regime", "current"}}},
      {"/api/v1/quarters", {{"year", ""}, {"scope", ""}}},
      {"/api/v1/regions", {{"year", ""}, {"scope", ""}}},
      {"/api/v1/quotum", {{"year", ""}, {"scope", ""}, {"top", ""}}},
      {"/api/v1/scenario", {{"year", ""}, {"scope", ""}, {"sroi", "0"}}},
      {"/api/v1/quality", {{"year", ""}, {"scope", ""}, {"level", ""}}},
  };
  return routes;
}

// The level under `scope` that a route takes when none is given (api.cc, LevelUnder).
std::optional<std::string> DefaultLevel(std::string_view scope) {
  auto level = LevelOfScope(scope);
  if (!level) return std::nullopt;
  switch (*level) {
    case ScopeLevel::kTotal: return "sector";
    case ScopeLevel::kSector: return "subsector";
    default: return "employer";
  }
}

std::string PrincipalKey(const Principal& who) { return fmt::format("{}|{}", RoleName(who.role), who.scope); }

bool ReadExactly(std::istream& in, std::size_t n, std::string& out) {
  out.resize(n);
  return n == 0 || static_cast<bool>(in.read(out.data(), static_cast<std::streamsize>(n)));
}

Json KeyJson(const AnswersKey& k) {
  return Json{{"snapshot", k.snapshot},       {"snapshots_sha256", k.snapshots_sha256},
              {"params_sha256", k.params_sha256}, {"min_persons", k.min_persons},
              {"language", k.language},       {"program_version", k.program_version}};
}

}  // namespace

std::filesystem::path AnswersPath(const std::filesystem::path& workspace, std::int64_t snapshot) {
  return workspace / "cache" / fmt::format("snapshot-{}.answers", snapshot);
}

std::optional<std::string> PreparedAnswers::KeyOf(const std::string& path, const Principal& who,
                                                  std::map<std::string, std::string> query) const {
  if (who.role == Role::kAdmin) return std::nullopt;
  auto route = Routes().find(path);
  if (route == Routes().end()) return std::nullopt;
  for (const auto& [name, fallback] : route->second) {
    if (query.contains(name)) continue;
    if (name == "scope") {
      query[name] = DefaultScope(who);
    } else if (name == "year") {
      if (latest_year_ > 0) query[name] = std::to_string(latest_year_);
    } else if (!fallback.empty()) {
      query[name] = fallback;
    }
  }
  if (route->second.contains("level") && !query.contains("level")) {
    if (auto level = DefaultLevel(query["scope"])) query["level"] = *level;
  }
  Json q = Json::object();
  for (const auto& [name, value] : query) q[name] = value;
  return Json::array({path, RoleName(who.role), who.scope, std::move(q)}).dump();
}

const PreparedAnswers::Answer* PreparedAnswers::Find(const std::string& path, const Principal& who,
                                                     const std::map<std::string, std::string>& query) const {
  auto key = KeyOf(path, who, query);
  if (!key) return nullptr;
  auto it = answers_.find(*key);
  return it == answers_.end() ? nullptr : &it->second;
}

void PreparedAnswers::Add(const std::string& path, const Principal& who,
                          const std::map<std::string, std::string>& query, Answer answer) {
  if (auto key = KeyOf(path, who, query)) answers_[*key] = std::move(answer);
}

bool PreparedAnswers::HasPrincipal(const Principal& who) const { return principals_.contains(PrincipalKey(who)); }
void PreparedAnswers::AddPrincipal(const Principal& who) { principals_.insert(PrincipalKey(who)); }

Status PreparedAnswers::Write(const std::filesystem::path& file) const {
  std::string text(kMagic);
  Json head = {{"key", KeyJson(key_)}, {"latest_year", latest_year_}, {"principals", principals_}};
  text += head.dump() + "\n";
  for (const auto& [key, a] : answers_) {
    text += fmt::format("{} {} {}\n", key.size(), a.content_type.size(), a.body.size());
    text += key;
    text += a.content_type;
    text += a.body;
    text += "\n";
  }
  text += "sha256 " + Sha256Hex(text) + "\n";
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const std::filesystem::path temp = file.string() + fmt::format(".tmp-{}", ::getpid());
  bool ok = false;
  if (std::FILE* f = std::fopen(temp.c_str(), "wb"); f != nullptr) {
    ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    ok = std::fflush(f) == 0 && ok;
    ok = ::fsync(::fileno(f)) == 0 && ok;
    ok = std::fclose(f) == 0 && ok;
  }
  if (ok) std::filesystem::rename(temp, file, ec);
  if (!ok || ec) {
    std::filesystem::remove(temp, ec);
    return Status::IoError(Say("{}: de voorbereide antwoorden kunnen niet worden geschreven",
                               "{}: cannot write the prepared answers", file.string()));
  }
  return Status::Ok();
}

std::optional<PreparedAnswers> PreparedAnswers::Read(const std::filesystem::path& file, const AnswersKey& expected) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  // The digest line closes the file: everything before it is what was hashed.
  const std::size_t digest = text.rfind("sha256 ");
  if (!text.starts_with(kMagic) || digest == std::string::npos || !text.ends_with("\n") ||
      text.substr(digest + 7, text.size() - digest - 8) != Sha256Hex(std::string_view(text).substr(0, digest))) {
    return std::nullopt;
  }
  std::istringstream body(text.substr(kMagic.size(), digest - kMagic.size()));
  std::string line;
  if (!std::getline(body, line)) return std::nullopt;
  Json head = Json::parse(line, nullptr, false);
  if (head.is_discarded() || !head.is_object() || head.value("key", Json()) != KeyJson(expected) ||
      !head.contains("latest_year") || !head["latest_year"].is_number_integer() || !head.contains("principals") ||
      !head["principals"].is_array()) {
    return std::nullopt;
  }
  PreparedAnswers out(expected, head["latest_year"].get<int>());
  for (const auto& p : head["principals"]) {
    if (!p.is_string()) return std::nullopt;
    out.principals_.insert(p.get<std::string>());
  }
  std::size_t key_bytes = 0, type_bytes = 0, body_bytes = 0;
  while (body >> key_bytes >> type_bytes >> body_bytes) {
    if (body.get() != '\n') return std::nullopt;
    std::string key, type, reply, end;
    if (!ReadExactly(body, key_bytes, key) || !ReadExactly(body, type_bytes, type) ||
        !ReadExactly(body, body_bytes, reply) || !ReadExactly(body, 1, end) || end != "\n") {
      return std::nullopt;
    }
    out.answers_[std::move(key)] = Answer{std::move(type), std::move(reply)};
  }
  if (!body.eof()) return std::nullopt;
  return out;
}

}  // namespace banenmonitor::web
