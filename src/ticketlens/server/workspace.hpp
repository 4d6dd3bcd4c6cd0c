#pragma once
// The server's view of one workspace: the store (one SQLite connection, used under a mutex), the
// World and the configuration, reloaded when the data or the configuration changed, and a cache of
// rendered API results keyed by that version, so repeated views cost a map lookup.
#include <cstdint>
#include <filesystem>
#include <functional>
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
};

}  // namespace ticketlens::server
