// The HTTP side of the dashboard: routing, sessions, login, CSRF, security
// headers and the page. The figures are in api.cc, imports in upload.cc.
#include "web/server.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <unordered_map>

#include "banenmonitor/provenance.h"
#include "common/lang.h"
#include "report/realisation_format.h"
#include "store/accounts.h"
#include "web/assets.h"
#include "web/dashboard.h"

namespace banenmonitor::web {

namespace {

constexpr const char* kCookie = "bm_session";
constexpr std::size_t kMaxLoginBody = 4096;
constexpr std::uint64_t kMaxSmallBody = 64 * 1024;  // any request but an upload
constexpr std::size_t kMaxHeaders = 100;             // a browser sends some 15

// No inline script or style anywhere: the page loads app.js and style.css from /assets/.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

std::string ContentTypeOf(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

// The session token from the Cookie header: 64 hex digits, or "".
std::string SessionToken(const httplib::Request& req) {
  std::string header = req.get_header_value("Cookie");
  std::string_view rest = header;
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    std::string prefix = std::string(kCookie) + "=";
    if (!part.starts_with(prefix)) continue;
    std::string_view value = part.substr(prefix.size());
    bool hex = value.size() == 64 && std::all_of(value.begin(), value.end(), [](char c) {
                 return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
               });
    return hex ? std::string(value) : std::string();
  }
  return "";
}

bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void SendError(httplib::Response& res, const HttpError& e) {
  res.status = e.status;
  res.set_content(Json{{"error", e.message}}.dump(), "application/json; charset=utf-8");
}

// The errno of binding a TCP socket to `address`:`port` as the server binds
// (SO_REUSEADDR, no SO_REUSEPORT); 0 when it can be bound. Asked after a
// failed bind, to tell a port in use from an address that is not this machine's.
int BindError(const std::string& address, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(address.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return EADDRNOTAVAIL;
  int error = EADDRNOTAVAIL;
  for (addrinfo* a = found; a != nullptr && error != EADDRINUSE; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    error = ::bind(fd, a->ai_addr, a->ai_addrlen) == 0 ? 0 : errno;
    ::close(fd);
    if (error == 0) break;
  }
  freeaddrinfo(found);
  return error;
}

}  // namespace

std::string Call::Get(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

Reply Reply::FromJson(const Json& j, int status) {
  Reply r;
  r.status = status;
  r.body = j.dump();
  return r;
}

Dashboard::Dashboard(Workspace ws, std::unique_ptr<store::AccountStore> a, ServerOptions o)
    : workspace(std::move(ws)),
      accounts(std::move(a)),
      options(std::move(o)),
      params(options.params != nullptr ? *options.params : ParameterSet::Embedded()),
      figures(workspace, workspace_mutex, params, options.min_persons),
      user_limiter(options.login_failures_per_user, options.login_window),
      address_limiter(options.login_failures_per_address, options.login_window) {}

std::int64_t Dashboard::Now() const {
  if (options.clock) return options.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void Dashboard::AuditEvent(const std::string& user, const std::string& action, const std::string& detail,
                           const std::string& address) {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  store::AuditRecord r{0, fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now), user, action, detail, address};
  Status s;
  {
    std::lock_guard lock(workspace_mutex);
    s = accounts->AppendAudit(r);
  }
  if (!s.ok()) fmt::print(stderr, "{}\n", Say("banenmonitor serve: auditlogboek: {}", "banenmonitor serve: audit log: {}", s.message()));
}

// httplib::Server with a listen backlog for many concurrent clients: Debian's
// compiled cpp-httplib listens with a backlog of 5, so a burst of connects is
// dropped and retried by the clients' TCP after one second or more
// (docs/build.md, "Choices measured"). Linux takes a second listen() on a
// listening socket as a new backlog.
class HttpServer : public httplib::Server {
 public:
  void EnlargeBacklog() {
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
  }
};

struct Server::Impl {
  enum class Need { kSession, kAdmin };
  using Handler = std::function<HttpResult<Reply>(const Call&)>;

  Impl(Workspace ws, std::unique_ptr<store::AccountStore> accounts, ServerOptions o)
      : dashboard(std::move(ws), std::move(accounts), std::move(o)) {}

  Dashboard dashboard;
  HttpServer http;
  int port = 0;

  // Sessions checked against the store in the last kSessionCacheTtl: under load
  // every request would otherwise queue for the store. A session ended here
  // (logout, new login) leaves the cache at once; one ended elsewhere (user
  // remove) within kSessionCacheTtl. Expiry is checked on every request.
  static constexpr std::chrono::seconds kSessionCacheTtl{2};
  struct CachedSession {
    Principal who;
    store::SessionRecord session;
    std::chrono::steady_clock::time_point checked;
  };
  std::mutex session_mutex;
  std::unordered_map<std::string, CachedSession> sessions;

  void Forget(const std::string& hash) {
    std::lock_guard lock(session_mutex);
    sessions.erase(hash);
  }

  // The user of the request's session, or 401.
  HttpResult<std::pair<Principal, store::SessionRecord>> Authenticate(const httplib::Request& req) {
    std::string token = SessionToken(req);
    if (token.empty()) return Refuse(401, std::string(Pick("Niet ingelogd.", "Not logged in.")));
    std::string hash = Sha256Hex(token);
    auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(session_mutex);
      auto it = sessions.find(hash);
      if (it != sessions.end() && now - it->second.checked < kSessionCacheTtl &&
          it->second.session.expires_at > dashboard.Now()) {
        return std::make_pair(it->second.who, it->second.session);
      }
      if (it != sessions.end()) sessions.erase(it);
    }
    auto found = AuthenticateInStore(hash);
    if (found) {
      std::lock_guard lock(session_mutex);
      if (sessions.size() > 100000) sessions.clear();
      sessions[hash] = CachedSession{found->first, found->second, now};
    }
    return found;
  }

  HttpResult<std::pair<Principal, store::SessionRecord>> AuthenticateInStore(const std::string& hash) {
    std::lock_guard lock(dashboard.workspace_mutex);
    store::AccountStore& st = *dashboard.accounts;
    auto session = st.FindSession(hash);
    if (!session) return Refuse(session.error());
    if (!*session) return Refuse(401, std::string(Pick("Niet ingelogd of sessie verlopen.", "Not logged in, or the session expired.")));
    if ((*session)->expires_at <= dashboard.Now()) {
      (void)st.DeleteSession(hash);
      return Refuse(401, std::string(Pick("De sessie is verlopen; log opnieuw in.", "The session expired; log in again.")));
    }
    auto user = st.FindUser((*session)->user);
    if (!user) return Refuse(user.error());
    if (!*user) return Refuse(401, std::string(Pick("Niet ingelogd.", "Not logged in.")));
    auto role = ParseRole((*user)->role);
    if (!role) return Refuse(403, std::string(Pick("Onbekende rol.", "Unknown role.")));
    return std::make_pair(Principal{(*user)->name, *role, (*user)->scope}, **session);
  }

  // Registers a route with authentication, CSRF, role and parameter checks.
  void Route(const std::string& method, const std::string& path, Need need, std::set<std::string> allowed,
             Handler handler) {
    auto wrapped = [this, method, path, need, allowed = std::move(allowed), handler = std::move(handler)](
                       const httplib::Request& req, httplib::Response& res) {
      auto who = Authenticate(req);
      if (!who) return SendError(res, who.error());
      if (method != "GET" && !SameSecret(req.get_header_value("X-CSRF-Token"), who->second.csrf_token)) {
        return SendError(res, {403, std::string(Pick("Ontbrekend of onjuist CSRF-token; laad de pagina opnieuw.", "Missing or wrong CSRF token; reload the page."))});
      }
      if (need == Need::kAdmin && who->first.role != Role::kAdmin) {
        return SendError(res, {403, std::string(Pick("Geen toegang: alleen voor beheerders.", "No access: for administrators only."))});
      }
      Call call{req, who->first, {}, req.remote_addr};
      for (const auto& [name, value] : req.params) {
        if (!allowed.contains(name)) return SendError(res, {400, Say("Onbekende parameter: {}", "Unknown parameter: {}", name.substr(0, 64))});
        if (!call.query.emplace(name, value).second) {
          return SendError(res, {400, Say("Parameter twee keer gegeven: {}", "Parameter given twice: {}", name.substr(0, 64))});
        }
      }
      // A question of the first page is answered from the prepared answers while they are valid.
      std::optional<Reply> prepared = method == "GET" ? dashboard.PreparedReply(path, call) : std::nullopt;
      HttpResult<Reply> reply = prepared ? HttpResult<Reply>(std::move(*prepared)) : handler(call);
      if (!reply) return SendError(res, reply.error());
      res.status = reply->status;
      for (const auto& [k, v] : reply->headers) res.set_header(k, v);
      res.set_content(std::move(reply->body), reply->content_type);
    };
    if (method == "GET") http.Get(path, wrapped);
    else if (method == "POST") http.Post(path, wrapped);
    else if (method == "DELETE") http.Delete(path, wrapped);
  }

  std::string CookieHeader(const std::string& value, std::int64_t max_age) const {
    return fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", kCookie, value, max_age,
                       dashboard.options.secure_cookie ? "; Secure" : "");
  }

  Json Me(const Principal& p, const store::SessionRecord& s) const {
    return Json{{"name", p.name},
                {"role", RoleName(p.role)},
                {"scope", p.scope.empty() ? Json(nullptr) : Json(p.scope)},
                {"scope_label", p.scope.empty() ? Json(nullptr) : Json(report::ScopeLabel(p.scope))},
                {"csrf_token", s.csrf_token},
                {"expires_at", s.expires_at},
                {"program_version", ProgramVersion()}};
  }

  // Whether a login of `user_key` from `address_key` is refused for too many
  // failures (kept in the store: those at any server on the workspace count).
  HttpResult<bool> Throttled(const std::string& user_key, const std::string& address_key, std::int64_t now) {
    std::lock_guard lock(dashboard.workspace_mutex);
    store::AccountStore& st = *dashboard.accounts;
    for (auto [limiter, key] : {std::pair{&dashboard.user_limiter, &user_key}, {&dashboard.address_limiter, &address_key}}) {
      auto blocked = limiter->Blocked(st, *key, now);
      if (!blocked) return Refuse(blocked.error());
      if (*blocked) return true;
    }
    return false;
  }

  void Login(const httplib::Request& req, httplib::Response& res) {
    if (!req.get_header_value("Content-Type").starts_with("application/json")) {
      return SendError(res, {415, std::string(Pick("Verwacht JSON (Content-Type: application/json).", "Expected JSON (Content-Type: application/json)."))});
    }
    if (req.body.size() > kMaxLoginBody) return SendError(res, {413, std::string(Pick("Te groot verzoek.", "Request too large."))});
    Json body = Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("name") || !body["name"].is_string() ||
        !body.contains("password") || !body["password"].is_string()) {
      return SendError(res, {400, std::string(Pick("Verwacht {\"name\": ..., \"password\": ...}.", "Expected {\"name\": ..., \"password\": ...}."))});
    }
    std::string name = body["name"];
    std::string password = body["password"];
    std::string user_key = "user:" + name.substr(0, 64);
    std::string address_key = "address:" + req.remote_addr;
    const std::int64_t now = dashboard.Now();
    auto throttled = Throttled(user_key, address_key, now);
    if (!throttled) return SendError(res, throttled.error());
    if (*throttled) {
      dashboard.AuditEvent(name.substr(0, 64), "login-throttled", "", req.remote_addr);
      res.set_header("Retry-After", std::to_string(dashboard.options.login_window.count()));
      return SendError(res, {429, Say("Te veel mislukte pogingen; probeer het later opnieuw.",
                                      "Too many failed attempts; try again later.")});
    }
    std::optional<store::UserRecord> user;
    {
      std::lock_guard lock(dashboard.workspace_mutex);
      auto found = IsUserName(name) ? dashboard.accounts->FindUser(name)
                                    : Result<std::optional<store::UserRecord>>(std::nullopt);
      if (!found) return SendError(res, {500, found.error().message()});
      user = std::move(*found);
    }
    // An unknown name costs the same Argon2id work as a wrong password (no timing oracle).
    bool ok = VerifyPassword(user ? user->password_hash : std::string(UnknownUserHash()), password) && user.has_value();
    auto role = user ? ParseRole(user->role) : std::nullopt;
    if (!ok || !role) {
      {
        std::lock_guard lock(dashboard.workspace_mutex);
        store::AccountStore& st = *dashboard.accounts;
        Status recorded = dashboard.user_limiter.Failure(st, user_key, now);
        if (recorded.ok()) recorded = dashboard.address_limiter.Failure(st, address_key, now);
        if (!recorded.ok()) return SendError(res, {500, recorded.message()});
      }
      dashboard.AuditEvent(name.substr(0, 64), "login-failed", "", req.remote_addr);
      return SendError(res, {401, std::string(Pick("Onjuiste gebruikersnaam of wachtwoord.", "Wrong user name or password."))});
    }
    // A fresh token at every login (no session fixation); an old session of this browser ends.
    std::string token = RandomHex(32);
    store::SessionRecord session{Sha256Hex(token), user->name, RandomHex(32), dashboard.Now(),
                                 dashboard.Now() + dashboard.options.session_lifetime.count(), req.remote_addr};
    {
      std::lock_guard lock(dashboard.workspace_mutex);
      store::AccountStore& st = *dashboard.accounts;
      if (std::string old = SessionToken(req); !old.empty()) {
        (void)st.DeleteSession(Sha256Hex(old));
        Forget(Sha256Hex(old));
      }
      (void)st.DeleteExpiredSessions(dashboard.Now());
      if (Status s = dashboard.user_limiter.Success(st, user_key); !s.ok()) return SendError(res, {500, s.message()});
      if (Status s = st.InsertSession(session); !s.ok()) return SendError(res, {500, s.message()});
    }
    dashboard.AuditEvent(user->name, "login", "", req.remote_addr);
    res.set_header("Set-Cookie", CookieHeader(token, dashboard.options.session_lifetime.count()));
    res.set_content(Me(Principal{user->name, *role, user->scope}, session).dump(), "application/json; charset=utf-8");
  }

  void Logout(const httplib::Request& req, httplib::Response& res) {
    auto who = Authenticate(req);
    if (!who) return SendError(res, who.error());
    if (!SameSecret(req.get_header_value("X-CSRF-Token"), who->second.csrf_token)) {
      return SendError(res, {403, std::string(Pick("Ontbrekend of onjuist CSRF-token; laad de pagina opnieuw.", "Missing or wrong CSRF token; reload the page."))});
    }
    {
      std::lock_guard lock(dashboard.workspace_mutex);
      (void)dashboard.accounts->DeleteSession(who->second.token_sha256);
    }
    Forget(who->second.token_sha256);
    dashboard.AuditEvent(who->first.name, "logout", "", req.remote_addr);
    res.set_header("Set-Cookie", CookieHeader("", 0));
    res.set_content(Json{{"ok", true}}.dump(), "application/json; charset=utf-8");
  }

  void Setup() {
    const ServerOptions& o = dashboard.options;
    // cpp-httplib's default socket options set SO_REUSEPORT, with which a second
    // server binds a port that this one listens on and the kernel splits the
    // connections between them. SO_REUSEADDR alone still lets
    // a restarted server bind while old connections are in TIME_WAIT, and a
    // bind to a port in use fails.
    http.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    http.new_task_queue = [threads = o.threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    http.set_payload_max_length(o.max_upload_bytes);
    // A connection keeps its worker thread while it is open (up to this many requests);
    // --threads must cover the concurrent clients.
    http.set_keep_alive_max_count(10000);
    // Headers and body go out as two writes: without TCP_NODELAY, Nagle and the
    // client's delayed ACK delay every keep-alive answer (docs/build.md, "Choices measured").
    http.set_tcp_nodelay(true);
    // Slow clients: see ServerOptions (a stalled read or write ends the connection).
    auto seconds_and_micros = [](std::chrono::milliseconds t) {
      return std::pair<time_t, time_t>(static_cast<time_t>(t.count() / 1000), static_cast<time_t>(t.count() % 1000 * 1000));
    };
    auto [read_s, read_us] = seconds_and_micros(o.read_timeout);
    auto [write_s, write_us] = seconds_and_micros(o.write_timeout);
    http.set_read_timeout(read_s, read_us);
    http.set_write_timeout(write_s, write_us);
    http.set_keep_alive_timeout(static_cast<time_t>(o.keep_alive_timeout.count()));
    http.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"X-Frame-Options", "DENY"},
                              {"Cross-Origin-Opener-Policy", "same-origin"},
                              {"Cross-Origin-Resource-Policy", "same-origin"},
                              {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
                              {"Cache-Control", "no-store"}});
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        fmt::print(stderr, "banenmonitor serve: {}\n", e.what());
      }
      SendError(res, {500, std::string(Pick("Interne fout; zie het logboek van de server.", "Internal error; see the server's log."))});
    });
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      if (res.status == 404) return SendError(res, {404, std::string(Pick("Niet gevonden.", "Not found."))});
      if (res.status == 413) return SendError(res, {413, std::string(Pick("Te groot verzoek.", "Request too large."))});
      SendError(res, {res.status, Say("Fout {}.", "Error {}.", res.status)});
    });

    // Before any body is read: an upload must come from an admin with the CSRF
    // token (so nobody else can make the server read a large body), and no other
    // route takes more than kMaxSmallBody bytes.
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      using R = httplib::Server::HandlerResponse;
      // cpp-httplib 0.11 refuses a header line above 8 KiB (400) but not many
      // headers: refuse them here, before a body is read or a route runs.
      if (req.headers.size() > kMaxHeaders) {
        return SendError(res, {431, std::string(Pick("Te veel kopregels in het verzoek.", "Too many header lines in the request."))}), R::Handled;
      }
      if (req.path == "/api/v1/upload" && req.method == "POST") {
        auto who = Authenticate(req);
        if (!who) return SendError(res, who.error()), R::Handled;
        if (!SameSecret(req.get_header_value("X-CSRF-Token"), who->second.csrf_token)) {
          return SendError(res, {403, std::string(Pick("Ontbrekend of onjuist CSRF-token; laad de pagina opnieuw.", "Missing or wrong CSRF token; reload the page."))}), R::Handled;
        }
        if (who->first.role != Role::kAdmin) return SendError(res, {403, std::string(Pick("Geen toegang: alleen voor beheerders.", "No access: for administrators only."))}), R::Handled;
        return R::Unhandled;
      }
      if (std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > kMaxSmallBody) {
        return SendError(res, {413, std::string(Pick("Te groot verzoek.", "Request too large."))}), R::Handled;
      }
      if (req.has_header("Transfer-Encoding")) {  // no length known in advance: only for uploads
        return SendError(res, {411, std::string(Pick("Geef de lengte van het verzoek (Content-Length).", "Give the length of the request (Content-Length)."))}), R::Handled;
      }
      return R::Unhandled;
    });
    http.Post("/api/v1/login", [this](const httplib::Request& q, httplib::Response& r) { Login(q, r); });
    http.Post("/api/v1/logout", [this](const httplib::Request& q, httplib::Response& r) { Logout(q, r); });
    http.Get("/api/v1/me", [this](const httplib::Request& req, httplib::Response& res) {
      auto who = Authenticate(req);
      if (!who) return SendError(res, who.error());
      res.set_content(Me(who->first, who->second).dump(), "application/json; charset=utf-8");
    });
    Dashboard& d = dashboard;
    const std::set<std::string> figure = {"year", "window", "level", "scope", "regime", "sroi"};
    Route("GET", "/api/v1/snapshots", Need::kSession, {}, [&d](const Call& c) { return d.Snapshots(c); });
    Route("GET", "/api/v1/realisation", Need::kSession, figure, [&d](const Call& c) { return d.Realisation(c); });
    Route("GET", "/api/v1/trend", Need::kSession, {"scope", "regime"}, [&d](const Call& c) { return d.Trend(c); });
    Route("GET", "/api/v1/chart/trend.svg", Need::kSession, {"scope", "regime"},
          [&d](const Call& c) { return d.TrendChart(c); });
    Route("GET", "/api/v1/regions", Need::kSession, {"year", "scope"}, [&d](const Call& c) { return d.Regions(c); });
    Route("GET", "/api/v1/quarters", Need::kSession, {"year", "scope"}, [&d](const Call& c) { return d.Quarters(c); });
    Route("GET", "/api/v1/quality", Need::kSession, {"year", "level", "scope"},
          [&d](const Call& c) { return d.Quality(c); });
    Route("GET", "/api/v1/scenario", Need::kSession, {"year", "scope", "sroi"},
          [&d](const Call& c) { return d.Scenario(c); });
    Route("GET", "/api/v1/quotum", Need::kSession, {"year", "scope", "top"}, [&d](const Call& c) { return d.Quotum(c); });
    Route("GET", "/api/v1/export/realisation.csv", Need::kSession, figure,
          [&d](const Call& c) { return d.ExportRealisation(c); });
    Route("GET", "/api/v1/export/report", Need::kSession, {"format", "year"},
          [&d](const Call& c) { return d.ExportReport(c); });
    Route("GET", "/api/v1/texts", Need::kSession, {"year", "scope"}, [&d](const Call& c) { return d.Texts(c); });
    Route("POST", "/api/v1/texts", Need::kSession, {}, [&d](const Call& c) { return d.WriteText(c); });
    Route("POST", "/api/v1/texts/accept", Need::kSession, {}, [&d](const Call& c) { return d.AcceptText(c); });
    Route("POST", "/api/v1/upload", Need::kAdmin, {}, [&d](const Call& c) { return d.Upload(c); });
    Route("GET", "/api/v1/audit", Need::kAdmin, {}, [&d](const Call& c) { return d.Audit(c); });

    // The page: only the embedded files, looked up by exact name (no file system, no traversal).
    auto page = [](const std::string& name, httplib::Response& res) {
      for (const Asset& a : Assets()) {
        if (a.name == name) {
          res.set_header("Cache-Control", "no-cache");
          res.set_content(std::string(a.content), ContentTypeOf(name).c_str());
          return;
        }
      }
      SendError(res, {404, std::string(Pick("Niet gevonden.", "Not found."))});
    };
    http.Get("/", [page](const httplib::Request&, httplib::Response& res) { page("index.html", res); });
    http.Get(R"(/assets/([A-Za-z0-9_.-]+))", [page](const httplib::Request& req, httplib::Response& res) {
      page(req.matches[1].str(), res);
    });
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Open(const std::filesystem::path& workspace, ServerOptions options) {
  auto ws = Workspace::Open(workspace);
  if (!ws) return Fail(ws.error());
  auto accounts = store::OpenAccounts(*ws);
  if (!accounts) return Fail(accounts.error());
  RemoveStaleUploads(ws->directory());  // what a server killed during an upload left
  auto impl = std::make_unique<Impl>(std::move(*ws), std::move(*accounts), std::move(options));
  impl->Setup();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  const ServerOptions& o = impl_->dashboard.options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.bind);
    if (port < 0) port = 0;
  } else if (!impl_->http.bind_to_port(o.bind, port)) {
    port = 0;
  }
  if (port <= 0) {
    if (o.port != 0 && BindError(o.bind, o.port) == EADDRINUSE) {
      return Fail(Status::IoError(Say("poort {} is bezet; kies een andere met --port",
                                      "port {} is in use; choose another with --port", o.port)));
    }
    return Fail(Status::IoError(Say("kan niet luisteren op {}:{} (bezet, of geen adres van deze machine)",
                                    "cannot listen on {}:{} (in use, or not an address of this machine)", o.bind,
                                    o.port)));
  }
  impl_->http.EnlargeBacklog();
  impl_->port = port;
  return port;
}

Result<Prepared> Server::Prepare() { return impl_->dashboard.Prepare(); }
Result<Prepared> Server::LoadAnswers() { return impl_->dashboard.LoadAnswers(); }
std::size_t Server::Computed() const { return impl_->dashboard.Computed(); }

bool Server::Listen() { return impl_->http.listen_after_bind(); }
bool Server::Running() const { return impl_->http.is_running(); }
void Server::Stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace banenmonitor::web
