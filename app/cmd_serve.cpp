// ticketlens serve: the JSON API and the web dashboard of a workspace (docs/http-api.md).
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "command.hpp"
#include "ticketlens/common/error.hpp"
#include "ticketlens/server/dashboard.hpp"

namespace ticketlens::app {
namespace {


}  // namespace

void serve_dashboard(const ServeOptions& options, const std::string& banner) {
  // SIGINT and SIGTERM are waited for by one thread (the server's threads inherit the mask), which
  // stops the server; listen() then returns and the command ends normally.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  server::DashboardOptions dopts;
  dopts.workspace = options.workspace;
  dopts.assets = options.assets;
  dopts.limits.threads = options.threads;
  dopts.limits.max_body_bytes = options.max_body_mb << 20;
  dopts.limits.analysis_time_cap =
      std::chrono::milliseconds(static_cast<std::int64_t>(options.time_cap_seconds * 1000));
  server::Dashboard dashboard(dopts);
  const int port = dashboard.bind(options.host, options.port);
  if (!server::is_loopback_host(options.host))
    std::cerr << fmt::format(
        "warning: listening on {}, not only on this machine: anyone who can reach it and holds a token can "
        "read this workspace, over plain HTTP. Use --host 127.0.0.1 (the default) unless you mean it.\n",
        options.host);
  if (!dashboard.assets().available())
    std::cerr << "note: the web dashboard is not built (no index.html next to the binary in web/, and no "
                 "--assets DIR); the API works. Build it with node and npm installed (cmake builds web/).\n";
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  if (!banner.empty()) std::cout << banner;
  std::cout << fmt::format("serving {} at http://{}:{}/ (Ctrl-C stops)", options.workspace, host, port)
            << std::endl;
  std::atomic<bool> listen_ended{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    // stop() is a no-op until listen() runs: a signal that came first waits for it.
    while (!dashboard.is_running() && !listen_ended) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    dashboard.stop();
  });
  dashboard.listen();
  listen_ended = true;
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if listen() ended by itself
  waiter.join();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  std::cout << "stopped" << std::endl;
}

void add_serve_options(CLI::App& sub, ServeOptions& options) {
  sub.add_option("--host", options.host, "Address to listen on; other than loopback prints a warning")
      ->capture_default_str();
  sub.add_option("--port", options.port, "Port (0: any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
  sub.add_option("--assets", options.assets,
                 "Folder of the built web dashboard (default: web/ next to the binary)")
      ->check(CLI::ExistingDirectory);
  sub.add_option("--threads", options.threads, "Connections served at once")->check(CLI::Range(1, 1024))
      ->capture_default_str();
  sub.add_option("--max-body-mb", options.max_body_mb, "Largest request body accepted (MiB); larger get 413")
      ->check(CLI::Range(1, 4096))->capture_default_str();
  sub.add_option("--time-cap", options.time_cap_seconds,
                 "Seconds a request waits for an analysis (precursors, alerts, retention); longer gets 503 timeout "
                 "while the analysis finishes into the cache")
      ->check(CLI::Range(0.001, 3600.0))->capture_default_str();
}

void register_serve(CLI::App& root, Context& ctx) {
  auto options = std::make_shared<ServeOptions>();
  auto* sub = root.add_subcommand(
      "serve", "Serve the JSON API and the web dashboard of a workspace; every /api route needs a token "
               "(ticketlens token create NAME)");
  add_workspace_option(*sub, ctx);
  add_serve_options(*sub, *options);
  sub->callback([&ctx, options] {
    options->workspace = ctx.workspace;
    serve_dashboard(*options, "");
  });
}

}  // namespace ticketlens::app
