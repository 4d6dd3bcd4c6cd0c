#include "ticketlens/server/http.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>

#include "ticketlens/common/error.hpp"

namespace ticketlens::server {

std::optional<std::string> Request::param(const std::string& name) const {
  const auto [lo, hi] = query.equal_range(name);
  if (lo == hi) return std::nullopt;
  if (std::next(lo) != hi)
    throw HttpError(400, "bad_request", fmt::format("parameter '{}' is given more than once", name));
  return lo->second;
}

std::optional<std::string> Request::header(const std::string& name) const {
  const auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

Response Response::json(const nlohmann::json& j, int status) {
  return json_text(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
}

Response Response::json_text(std::string text, int status) {
  Response r;
  r.status = status;
  r.body = std::move(text);
  return r;
}

Response error_response(int status, std::string_view error, std::string_view detail, const nlohmann::json& extra) {
  nlohmann::json j = {{"error", error}, {"detail", detail}};
  if (extra.is_object())
    for (const auto& [k, v] : extra.items()) j[k] = v;
  auto r = Response::json(j, status);
  r.headers["Cache-Control"] = "no-store";
  return r;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  params.clear();
  std::size_t p = 0, q = 0;
  while (true) {
    if (p == pattern.size()) return q == path.size();
    if (pattern.substr(p) == "/*") {
      if (q == path.size() || path[q] != '/') return false;
      params["*"] = std::string(path.substr(q + 1));
      return true;
    }
    if (pattern[p] == '{') {
      const auto close = pattern.find('}', p);
      const auto name = pattern.substr(p + 1, close - p - 1);
      auto end = path.find('/', q);
      if (end == std::string_view::npos) end = path.size();
      if (end == q) return false;
      params[std::string(name)] = std::string(path.substr(q, end - q));
      p = close + 1;
      q = end;
      continue;
    }
    if (q == path.size() || pattern[p] != path[q]) return false;
    ++p;
    ++q;
  }
}

namespace {

Response from_error(const Error& e) {
  switch (e.code()) {
    case ErrorCode::kUsage:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kDataRejected:
      return error_response(400, "bad_request", e.what());
    case ErrorCode::kNotFound:
      return error_response(404, "not_found", e.what());
    default:
      return error_response(500, "internal", e.what());
  }
}

}  // namespace

struct HttpServer::Impl {
  httplib::Server server;
};

HttpServer::HttpServer(ServerLimits limits) : impl_(std::make_unique<Impl>()) {
  auto& s = impl_->server;
  s.set_payload_max_length(limits.max_body_bytes);
  s.set_read_timeout(limits.read_timeout);
  s.set_write_timeout(limits.write_timeout);
  s.set_keep_alive_timeout(limits.keep_alive_timeout.count());
  s.set_keep_alive_max_count(1000);
  const std::size_t threads = std::max<std::size_t>(limits.threads, 1);
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  auto handle = [this](const httplib::Request& hreq, httplib::Response& hres) {
    Request req;
    req.method = hreq.method;
    req.path = hreq.path;
    for (const auto& [k, v] : hreq.params) req.query.emplace(k, v);
    for (const auto& [k, v] : hreq.headers) {
      std::string name = k;
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      req.headers.emplace(std::move(name), v);
    }
    req.body = hreq.body;
    req.remote_addr = hreq.remote_addr;
    const Response r = dispatch(req);
    hres.status = r.status;
    for (const auto& [k, v] : r.headers) hres.set_header(k, v);
    hres.set_content(r.body, r.content_type.c_str());
  };
  s.Get(".*", handle);
  s.Post(".*", handle);
  s.Put(".*", handle);
  s.Delete(".*", handle);
  s.Patch(".*", handle);
  // Failures httplib answers itself (413 body too large, 400 malformed request): JSON too.
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const bool too_large = res.status == 413;
    const auto r = error_response(res.status, too_large ? "payload_too_large" : "bad_request",
                                  too_large ? "the request body is larger than the server accepts"
                                            : fmt::format("the request could not be read (HTTP {})", res.status));
    res.set_content(r.body, r.content_type.c_str());
  });
}

HttpServer::~HttpServer() = default;

void HttpServer::add(Route route) { routes_.push_back(std::move(route)); }
void HttpServer::set_guard(Guard guard) { guard_ = std::move(guard); }

int HttpServer::bind(const std::string& host, int port) {
  auto& s = impl_->server;
  if (port == 0) {
    const int p = s.bind_to_any_port(host);
    if (p < 0) throw Error(ErrorCode::kIo, fmt::format("cannot listen on {} (any port)", host));
    return p;
  }
  if (!s.bind_to_port(host, port))
    throw Error(ErrorCode::kIo, fmt::format("cannot listen on {}:{}: the address is in use or not "
                                            "available; pick another --port or --host", host, port));
  return port;
}

void HttpServer::listen() { impl_->server.listen_after_bind(); }
void HttpServer::stop() { impl_->server.stop(); }
bool HttpServer::is_running() const { return impl_->server.is_running(); }

Response HttpServer::dispatch(Request& request) const {
  try {
    bool path_matched = false;
    for (const auto& route : routes_) {
      if (!match_pattern(route.pattern, request.path, request.path_params)) continue;
      path_matched = true;
      if (route.method != request.method) continue;
      if (guard_) guard_(request, route);
      return route.handler(request);
    }
    if (path_matched)
      return error_response(405, "method_not_allowed",
                            fmt::format("{} is not allowed on {}", request.method, request.path));
    return error_response(404, "not_found", fmt::format("no such route: {} {}", request.method, request.path));
  } catch (const HttpError& e) {
    return error_response(e.status(), e.error(), e.what(), e.extra());
  } catch (const Error& e) {
    return from_error(e);
  } catch (const std::exception& e) {
    return error_response(500, "internal", e.what());
  }
}

}  // namespace ticketlens::server
