#pragma once
// The small HTTP interface of ticketlens's server, over cpp-httplib (kept out of this header):
// routes are a table of {method, pattern, handler, description}; handlers take a Request and
// return a Response or throw. Failures become JSON {error, detail}: HttpError carries its own
// status; ticketlens::Error maps kUsage/kInvalidInput/kDataRejected → 400, kNotFound → 404,
// anything else → 500.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ticketlens::server {

struct Request {
  std::string method;
  std::string path;                                ///< decoded, without the query
  std::map<std::string, std::string> path_params;  ///< `{id}` of the pattern → its segment
  std::multimap<std::string, std::string> query;   ///< decoded
  std::map<std::string, std::string> headers;      ///< names lowercase
  std::string body;
  std::string remote_addr;

  /// The query parameter, if given once; HttpError 400 if given more than once.
  [[nodiscard]] std::optional<std::string> param(const std::string& name) const;
  /// The header (name lowercase), if present.
  [[nodiscard]] std::optional<std::string> header(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;
  static Response json(const nlohmann::json& j, int status = 200);
  static Response json_text(std::string text, int status = 200);
};

/// A failure with its HTTP status: `error` is a short code (bad_request, unauthorized,
/// not_found, payload_too_large, internal), `detail` says what is wrong and how to fix it.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string error, const std::string& detail, nlohmann::json extra = nullptr)
      : std::runtime_error(detail), status_(status), error_(std::move(error)), extra_(std::move(extra)) {}
  [[nodiscard]] int status() const noexcept { return status_; }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] const nlohmann::json& extra() const noexcept { return extra_; }

 private:
  int status_;
  std::string error_;
  nlohmann::json extra_;
};

/// `{"error": ..., "detail": ...}` plus the fields of `extra` (an object) when given.
Response error_response(int status, std::string_view error, std::string_view detail,
                        const nlohmann::json& extra = nullptr);

using Handler = std::function<Response(const Request&)>;

/// One row of the route table. Patterns are literal segments and `{name}` placeholders that
/// match one non-empty segment, e.g. `/api/accounts/{id}`; `/*` at the end matches the rest.
struct Route {
  std::string method;  ///< GET, POST
  std::string pattern;
  Handler handler;
  std::string description;
};

/// Called before a route's handler; throws HttpError to refuse the request (e.g. 401).
using Guard = std::function<void(const Request&, const Route&)>;

struct ServerLimits {
  std::size_t max_body_bytes = std::size_t{64} << 20;  ///< larger bodies get 413
  std::chrono::seconds read_timeout{10};               ///< a client that sends slower is cut off
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds keep_alive_timeout{5};
  std::size_t threads = 16;
  std::chrono::milliseconds analysis_time_cap{20000};  ///< longer analyses answer 503 timeout (Workspace)
};

class HttpServer {
 public:
  explicit HttpServer(ServerLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void add(Route route);
  void set_guard(Guard guard);
  [[nodiscard]] const std::vector<Route>& routes() const noexcept { return routes_; }

  /// Binds host:port (port 0 = any free port) and returns the port; Error(kIo) on failure.
  int bind(const std::string& host, int port);
  /// Serves until stop(); call after bind().
  void listen();
  /// Stops listen() from another thread; a no-op before listen() runs (see is_running()).
  void stop();
  [[nodiscard]] bool is_running() const;

  /// Dispatches a request through the table (exposed for the route tests of docs).
  Response dispatch(Request& request) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<Route> routes_;
  Guard guard_;
};

/// Whether a pattern matches a path; fills `params` with the placeholders when it does.
bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params);

}  // namespace ticketlens::server
