// banenmonitor serve: the dashboard's HTTP server (cpp-httplib): a JSON API
// under /api/v1/ and the page (src/web/assets/, compiled in), for the users of
// one workspace (the API is listed in docs/dashboard.md).
//
// Security, in one place so that every route gets it:
// - every /api/v1/ route but login needs a session cookie (HttpOnly,
//   SameSite=Strict, Path=/, Secure with ServerOptions::secure_cookie);
// - every POST/PUT/DELETE but login needs the session's CSRF token in
//   X-CSRF-Token; login needs Content-Type application/json (no cross-site form);
// - login is throttled per user name and per client address (429);
// - scopes are checked in the query layer (web/access.h) before any figure is
//   computed; query parameters that a route does not know are refused (400);
// - every response carries the security headers (CSP without inline script or
//   style, nosniff, Referrer-Policy, frame-ancestors 'none', no-store for the API).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "banenmonitor/params.h"
#include "banenmonitor/status.h"

namespace banenmonitor::web {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  // Adds Secure to the session cookie: set it when the server is reached over
  // HTTPS (TLS ends at a reverse proxy in front of it). Without TLS a browser
  // would not send a Secure cookie back, so it is off for plain loopback use.
  bool secure_cookie = false;
  std::chrono::seconds session_lifetime{8 * 3600};
  long long min_persons = 10;  // disclosure control for non-admin figures (as the report)
  int login_failures_per_user = 5;      // then that user name is refused for the window
  int login_failures_per_address = 20;  // then that client address is refused for the window
  std::chrono::seconds login_window{15 * 60};
  std::size_t max_upload_bytes = std::size_t{1} << 30;  // 1 GiB
  int threads = 256;  // worker threads: one per open keep-alive connection (200 concurrent readers without queueing)
  // Slow clients. cpp-httplib gives each connection a worker thread
  // and applies these timeouts to each read and write, not to a whole request:
  // a client that stops sending (in its headers or its body) or reading is cut
  // off after the timeout and its thread freed. 10 s is far above any pause
  // of a live client on a network (a 1 GiB upload keeps sending) and short
  // enough that stalled connections do not pile up. A client that trickles a
  // byte just within each timeout keeps its thread for as long as it trickles:
  // only the other threads serve meanwhile (docs/security.md).
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  // An idle keep-alive connection holds its thread this long before it is closed.
  std::chrono::seconds keep_alive_timeout{5};
  // Unix seconds now; tests move time forward to expire sessions.
  std::function<std::int64_t()> clock;
  const ParameterSet* params = nullptr;  // default: the embedded parameter file
};

// What Server::Prepare did: the snapshot it prepared (0: the workspace has
// none yet) and how long it took.
struct Prepared {
  std::int64_t snapshot = 0;
  double seconds = 0;
  std::size_t answers = 0;  // prepared answers kept (web/answers.h)
  std::string answers_error;  // non-empty: they could not be written to their file (why)
};

// Prepares the first pages of the latest snapshot of `workspace`, as a server's
// Prepare does, and writes them to WS/cache/snapshot-N.answers (web/answers.h), so
// that the next `serve` answers them at once; the answers already in that file are
// kept, and only the principals without them are asked. For `banenmonitor import`,
// after the snapshot has committed, and `banenmonitor user add` of a sector user:
// it opens a store connection of its own and listens on
// nothing. The answers are valid for a server of the same `options` (params,
// min_persons) and message language. A failure is the preparation's (the snapshot
// stands); Prepared::answers_error says why the file could not be written.
// `tables` (may be null): snapshot `snapshot`'s Delivery exactly as
// Workspace::Load(snapshot, {}) gives it (ImportOptions::after_commit), used
// instead of reading it back when it is the latest.
Result<Prepared> PrepareAnswers(const std::filesystem::path& workspace, ServerOptions options,
                                std::int64_t snapshot = 0, std::shared_ptr<const Delivery> tables = nullptr);

class Server {
 public:
  // Opens the workspace; nothing listens yet.
  static Result<std::unique_ptr<Server>> Open(const std::filesystem::path& workspace, ServerOptions options);
  ~Server();

  // Binds the address; returns the port (the chosen one when options.port is 0).
  Result<int> Bind();
  // Loads the latest snapshot and computes the first page's figures before
  // anyone asks (docs/dashboard.md, "Voorbereiden").
  // May run in a thread of its own while the server listens.
  Result<Prepared> Prepare();
  // Reads the answers a Prepare of an earlier start wrote for the latest
  // snapshot, when still valid: the first pages are then answered before the
  // snapshot is loaded. Snapshot 0 when there are none. Fast.
  Result<Prepared> LoadAnswers();
  // How many snapshot loads, figures and replies the server has computed since
  // it opened; a request answered from memory adds nothing.
  std::size_t Computed() const;
  // Serves until Stop(); returns false when the server could not run.
  bool Listen();
  // True once Listen() accepts connections.
  bool Running() const;
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace banenmonitor::web
