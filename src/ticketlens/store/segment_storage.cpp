#include "ticketlens/store/segment_storage.hpp"

#include <algorithm>
#include <system_error>

namespace ticketlens::store {

void FileSegmentStorage::write(const EventBatch& batch, const std::string& name) {
  write_segment(batch, dir_ / name);
}

SegmentKeys FileSegmentStorage::read_keys(const std::string& name) { return read_segment_keys(dir_ / name); }

SegmentStorage::Written FileSegmentStorage::rewrite_without(const std::string& from,
                                                            const std::vector<std::uint32_t>& drop,
                                                            const std::string& to) {
  const EventBatch old = read_segment(dir_ / from);
  std::vector<bool> gone(old.size(), false);
  for (auto r : drop) gone[r] = true;
  std::vector<std::uint32_t> survivors;
  for (std::uint32_t r = 0; r < old.size(); ++r)
    if (!gone[r]) survivors.push_back(r);
  Written w;
  if (survivors.empty()) return w;
  const EventBatch out = old.select(survivors);
  write_segment(out, dir_ / to);
  const auto [min_it, max_it] = std::minmax_element(out.ts.begin(), out.ts.end());
  w.rows = static_cast<std::int64_t>(out.size());
  w.min_ts = *min_it;
  w.max_ts = *max_it;
  return w;
}

std::size_t FileSegmentStorage::remove_orphans(const std::set<std::string>& live) {
  std::size_t removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (!live.count(name)) {
      std::error_code ec;
      std::filesystem::remove(entry.path(), ec);
      removed += !ec;
    }
  }
  return removed;
}

void FileSegmentStorage::remove(const std::vector<std::string>& names) noexcept {
  for (const auto& n : names) {
    std::error_code ec;
    std::filesystem::remove(dir_ / n, ec);
  }
}

bool FileSegmentStorage::owns(const std::string& name) const { return !is_clickhouse_segment(name); }

}  // namespace ticketlens::store
