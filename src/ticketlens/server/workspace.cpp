#include "ticketlens/server/workspace.hpp"

#include <fmt/format.h>

#include "ticketlens/server/http.hpp"
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

std::shared_ptr<const std::string> Workspace::lookup(const std::string& key, const std::string& v) {
  std::lock_guard lock(cache_mutex_);
  if (cache_version_ != v) {
    cache_.clear();
    cache_version_ = v;
  }
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  return nullptr;
}

void Workspace::store_result(const std::string& key, const std::string& v, std::shared_ptr<const std::string> result) {
  std::lock_guard lock(cache_mutex_);
  if (cache_version_ == v) {
    if (cache_.size() >= kMaxCachedResults) cache_.clear();
    cache_.emplace(key, std::move(result));
  }
}

void Workspace::load_if_stale(const std::string& v) {
  if (loaded_version_ == v && world_) return;
  auto config = std::make_unique<model::Config>(model::load_config(dir_ / "ticketlens.toml"));
  std::lock_guard lock(store_mutex_);
  world_ = std::make_unique<model::World>(store::load_world(*store_));
  config_ = std::move(config);
  loaded_version_ = v;
}

std::string Workspace::cached(
    const std::string& key,
    const std::function<std::string(const model::World&, const model::Config&, store::Store&)>& compute) {
  const std::string v = version();
  if (auto hit = lookup(key, v)) return *hit;
  std::lock_guard compute_lock(compute_mutex_);
  if (auto hit = lookup(key, v)) return *hit;  // another thread may have computed it meanwhile
  load_if_stale(v);
  auto result = [&] {
    std::lock_guard lock(store_mutex_);
    return std::make_shared<const std::string>(compute(*world_, *config_, *store_));
  }();
  store_result(key, v, result);
  return *result;
}

std::string Workspace::cached_analysis(
    const std::string& key, std::function<std::string(const model::World&, const model::Config&)> compute) {
  const std::string v = version();
  if (auto hit = lookup(key, v)) return *hit;
  std::shared_future<std::shared_ptr<const std::string>> job;
  {
    std::lock_guard lock(jobs_mutex_);
    std::erase_if(jobs_, [](const auto& j) { return j.second.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
    auto [it, fresh] = jobs_.try_emplace(v + '\n' + key);
    if (fresh)
      it->second = std::async(std::launch::async, [this, key, v, compute = std::move(compute)] {
                     std::lock_guard compute_lock(compute_mutex_);
                     if (auto hit = lookup(key, v)) return hit;
                     load_if_stale(v);
                     auto result = std::make_shared<const std::string>(compute(*world_, *config_));
                     store_result(key, v, result);
                     return result;
                   }).share();
    job = it->second;
  }
  if (job.wait_for(time_cap_) != std::future_status::ready) {
    const double seconds = static_cast<double>(time_cap_.count()) / 1000.0;
    throw HttpError(503, "timeout",
                    fmt::format("the analysis did not finish within the server's time cap of {:g} s; it goes on "
                                "in the background and its result will be cached: ask again shortly (or start "
                                "the server with a larger --time-cap)",
                                seconds),
                    {{"time_cap_seconds", seconds}});
  }
  return *job.get();  // rethrows what the analysis threw
}

std::optional<std::string> Workspace::verify_token(std::string_view secret) {
  std::lock_guard lock(store_mutex_);
  return store::verify_token(*store_, secret);
}

}  // namespace ticketlens::server
