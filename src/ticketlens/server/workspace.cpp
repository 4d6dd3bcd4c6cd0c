#include "ticketlens/server/workspace.hpp"

#include <fmt/format.h>

#include "ticketlens/snapshot/history.hpp"
#include "ticketlens/store/tokens.hpp"
#include "ticketlens/store/world_loader.hpp"

namespace ticketlens::server {
namespace {
constexpr std::size_t kMaxCachedResults = 2048;
}

Workspace::Workspace(std::filesystem::path dir) : dir_(std::move(dir)), store_(store::Store::open(dir_)) {
  // The version reads the snapshot history; its table is created by its first user.
  snapshot::SnapshotHistory history(store_->db());
}

Workspace::~Workspace() = default;

std::string Workspace::version() {
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(dir_ / "ticketlens.toml", ec);
  const auto config_stamp = ec ? 0 : mtime.time_since_epoch().count();
  std::lock_guard lock(store_mutex_);
  const auto history = store_->db().query_int("SELECT count(*) * 1000003 + coalesce(max(created_at), 0) FROM snapshot_history");
  return fmt::format("{}.{}.{}", store_->data_version(), config_stamp, history.value_or(0));
}

std::string Workspace::cached(
    const std::string& key,
    const std::function<std::string(const model::World&, const model::Config&, store::Store&)>& compute) {
  const std::string v = version();
  {
    std::lock_guard lock(cache_mutex_);
    if (cache_version_ != v) {
      cache_.clear();
      cache_version_ = v;
    }
    if (auto it = cache_.find(key); it != cache_.end()) return *it->second;
  }
  std::lock_guard compute_lock(compute_mutex_);
  {
    std::lock_guard lock(cache_mutex_);  // another thread may have computed it meanwhile
    if (cache_version_ == v)
      if (auto it = cache_.find(key); it != cache_.end()) return *it->second;
  }
  if (loaded_version_ != v || !world_) {
    auto config = std::make_unique<model::Config>(model::load_config(dir_ / "ticketlens.toml"));
    std::lock_guard lock(store_mutex_);
    world_ = std::make_unique<model::World>(store::load_world(*store_));
    config_ = std::move(config);
    loaded_version_ = v;
  }
  auto result = [&] {
    std::lock_guard lock(store_mutex_);
    return std::make_shared<const std::string>(compute(*world_, *config_, *store_));
  }();
  std::lock_guard lock(cache_mutex_);
  if (cache_version_ == v) {
    if (cache_.size() >= kMaxCachedResults) cache_.clear();
    cache_.emplace(key, result);
  }
  return *result;
}

std::optional<std::string> Workspace::verify_token(std::string_view secret) {
  std::lock_guard lock(store_mutex_);
  return store::verify_token(*store_, secret);
}

}  // namespace ticketlens::server
