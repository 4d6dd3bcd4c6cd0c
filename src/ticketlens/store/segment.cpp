#include "ticketlens/store/segment.hpp"

#include "ticketlens/store/section_file.hpp"

namespace ticketlens::store {
namespace {
constexpr std::string_view kMagic = "TLSEG001";
// Section numbers: fixed columns first so the identity columns can be read alone.
enum : std::size_t {
  kKeyHash = 0,
  kContentHash,
  kTs,
  kAccount,
  kName,
  kArea,
  kPlatform,
  kIsError,
  kDuration,
  kUser,       // 2 sections each from here
  kSession = kUser + 2,
  kEventId = kSession + 2,
  kProperties = kEventId + 2,
  kAccountIds = kProperties + 2,
  kNames = kAccountIds + 2,
  kAreas = kNames + 2,
  kPlatforms = kAreas + 2,
};
}  // namespace

void write_segment(const EventBatch& b, const std::filesystem::path& path) {
  SectionWriter w(path, kMagic);
  w.put(b.key_hash);
  w.put(b.content_hash);
  w.put(b.ts);
  w.put(b.account);
  w.put(b.name);
  w.put(b.product_area);
  w.put(b.platform);
  w.put(b.is_error);
  w.put(b.duration_ms);
  w.put_strings(b.user_id);
  w.put_strings(b.session_id);
  w.put_strings(b.event_id);
  w.put_strings(b.properties);
  w.put_dictionary(b.account_ids);
  w.put_dictionary(b.names);
  w.put_dictionary(b.product_areas);
  w.put_dictionary(b.platforms);
  w.finish();
}

EventBatch read_segment(const std::filesystem::path& path) {
  SectionReader r(path, kMagic);
  EventBatch b;
  b.key_hash = r.get<std::uint64_t>(kKeyHash);
  b.content_hash = r.get<std::uint64_t>(kContentHash);
  b.ts = r.get<Timestamp>(kTs);
  b.account = r.get<std::uint32_t>(kAccount);
  b.name = r.get<std::uint32_t>(kName);
  b.product_area = r.get<std::uint32_t>(kArea);
  b.platform = r.get<std::uint32_t>(kPlatform);
  b.is_error = r.get<std::int8_t>(kIsError);
  b.duration_ms = r.get<std::int64_t>(kDuration);
  b.user_id = r.get_strings(kUser);
  b.session_id = r.get_strings(kSession);
  b.event_id = r.get_strings(kEventId);
  b.properties = r.get_strings(kProperties);
  b.account_ids = r.get_dictionary(kAccountIds);
  b.names = r.get_dictionary(kNames);
  b.product_areas = r.get_dictionary(kAreas);
  b.platforms = r.get_dictionary(kPlatforms);
  return b;
}

SegmentKeys read_segment_keys(const std::filesystem::path& path) {
  SectionReader r(path, kMagic);
  return {r.get<std::uint64_t>(kKeyHash), r.get<std::uint64_t>(kContentHash)};
}

}  // namespace ticketlens::store
