#pragma once
// `ticketlens serve`: the JSON API (docs/http-api.md) and the web dashboard of one workspace.
// Every /api route needs `Authorization: Bearer <token>` (store/tokens.hpp); the static assets
// and the page that asks for the token do not.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ticketlens/server/http.hpp"
#include "ticketlens/server/static_files.hpp"
#include "ticketlens/server/workspace.hpp"

namespace ticketlens::server {

struct DashboardOptions {
  std::filesystem::path workspace = ".";
  std::filesystem::path assets;  ///< built web/ assets; empty: default_assets_dir()
  ServerLimits limits;
};

class Dashboard {
 public:
  /// Opens the workspace (Error(kNotFound) when it has no store) and builds the route table.
  explicit Dashboard(DashboardOptions options);
  ~Dashboard();

  /// Binds; port 0 picks a free port. Returns the port.
  int bind(const std::string& host, int port);
  void listen();
  void stop();
  [[nodiscard]] bool is_running() const { return http_.is_running(); }

  [[nodiscard]] const std::vector<Route>& routes() const noexcept { return http_.routes(); }
  [[nodiscard]] const StaticFiles& assets() const noexcept { return assets_; }

 private:
  Workspace workspace_;
  StaticFiles assets_;
  HttpServer http_;
};

/// true for 127.0.0.0/8, ::1 and localhost (where binding needs no warning).
bool is_loopback_host(const std::string& host);

}  // namespace ticketlens::server
