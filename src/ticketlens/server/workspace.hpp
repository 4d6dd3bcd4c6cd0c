#pragma once
// The server's view of one workspace: the store (one SQLite connection, used under a mutex), the
// World and the configuration, reloaded when the data or the configuration changed, and a cache of
// rendered API results keyed by that version, so repeated views cost a map lookup.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "ticketlens/model/config.hpp"
#include "ticketlens/model/world.hpp"
#include "ticketlens/store/store.hpp"

namespace ticketlens::server {

class Workspace {
 public:
  /// Opens the workspace's store; Error(kNotFound) when DIR holds none.
  explicit Workspace(std::filesystem::path dir);
  ~Workspace();

  [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }

  /// The version of what results depend on: the store's data_version, the configuration file's
  /// modification time and the snapshot history's last write.
  std::string version();

  /// The cached result of `key` at the current version, else compute(world, config) under one
  /// compute lock (analyses run one at a time; the World is never read by two threads at once
  /// while a lazily built dictionary index might be written).
  std::string cached(const std::string& key,
                     const std::function<std::string(const model::World&, const model::Config&, store::Store&)>&
                         compute);

  /// As cached(), for an analysis that reads only the World and the configuration (not the store,
  /// so it holds no store lock: status, tokens and cached views stay answered while it runs). It
  /// runs on a thread of its own; when the result is not ready within analysis_time_cap() the call
  /// throws HttpError 503 `timeout` and the analysis goes on to fill the cache, so asking again
  /// later gets it. A request for a key already being computed waits for that computation instead
  /// of starting another one. `compute` must own what it captures (it may outlive the request).
  std::string cached_analysis(const std::string& key,
                              std::function<std::string(const model::World&, const model::Config&)> compute);

  /// How long a request waits for an analysis (default 20 s; `serve --time-cap`).
  [[nodiscard]] std::chrono::milliseconds analysis_time_cap() const noexcept { return time_cap_; }
  void set_analysis_time_cap(std::chrono::milliseconds cap) noexcept { time_cap_ = cap; }

  /// Runs f on the store under the store lock.
  template <class F>
  auto with_store(F&& f) {
    std::lock_guard lock(store_mutex_);
    return f(*store_);
  }

  /// The name of the active token with this secret.
  std::optional<std::string> verify_token(std::string_view secret);

 private:
  std::filesystem::path dir_;
  std::mutex store_mutex_;
  std::unique_ptr<store::Store> store_;

  std::mutex compute_mutex_;
  std::string loaded_version_;  ///< of world_ and config_ (under compute_mutex_)
  std::unique_ptr<model::World> world_;
  std::unique_ptr<model::Config> config_;

  std::mutex cache_mutex_;
  std::string cache_version_;
  std::map<std::string, std::shared_ptr<const std::string>> cache_;

  std::chrono::milliseconds time_cap_{20000};

  /// Loads world_ and config_ at version v unless loaded (under compute_mutex_).
  void load_if_stale(const std::string& v);
  /// The cached result at v if any, else nullptr.
  std::shared_ptr<const std::string> lookup(const std::string& key, const std::string& v);
  void store_result(const std::string& key, const std::string& v, std::shared_ptr<const std::string> result);

  // Analyses in flight, by version and key; declared last so that its destruction (which waits
  // for them) comes before that of everything they use.
  std::mutex jobs_mutex_;
  std::map<std::string, std::shared_future<std::shared_ptr<const std::string>>> jobs_;
};

}  // namespace ticketlens::server
