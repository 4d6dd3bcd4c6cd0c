#include "ticketlens/store/section_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include "ticketlens/common/error.hpp"
#include "ticketlens/common/hash.hpp"

namespace ticketlens::store {
namespace {

constexpr std::size_t kFooterSize = 8 + 8 + 8;  // table offset, count, magic

[[noreturn]] void io_fail(const std::string& what, const std::string& path) {
  throw Error(ErrorCode::kIo, fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

}  // namespace

SectionWriter::SectionWriter(std::filesystem::path path, std::string_view magic)
    : path_(std::move(path)), magic_(magic) {
  std::random_device rd;
  tmp_path_ = path_;
  tmp_path_ += fmt::format(".tmp-{:x}", (static_cast<std::uint64_t>(rd()) << 32) ^ rd());
  file_ = std::fopen(tmp_path_.c_str(), "wb");
  if (!file_) io_fail("cannot create", tmp_path_.string());
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
  magic_.resize(8, ' ');
  if (std::fwrite(magic_.data(), 8, 1, file_) != 1) io_fail("cannot write", tmp_path_.string());
}

SectionWriter::~SectionWriter() {
  if (file_) {
    std::fclose(file_);
    std::error_code ec;
    std::filesystem::remove(tmp_path_, ec);
  }
}

void SectionWriter::put_bytes(const void* data, std::size_t size) {
  if (size && std::fwrite(data, 1, size, file_) != size) io_fail("cannot write", tmp_path_.string());
  table_.push_back({offset_, size,
                    hash64(std::string_view(static_cast<const char*>(data), size), 0x5e57)});
  offset_ += size;
}

void SectionWriter::put_strings(const StringColumn& s) {
  put(s.offsets);
  put_bytes(s.chars.data(), s.chars.size());
}

void SectionWriter::put_dictionary(const Dictionary& d) {
  StringColumn s;
  for (const auto& str : d.strings()) s.push_back(str);
  put_strings(s);
}

void SectionWriter::finish() {
  const std::uint64_t table_offset = offset_;
  const std::uint64_t count = table_.size();
  for (const auto& e : table_) {
    const std::uint64_t fields[3] = {e.offset, e.length, e.hash};
    if (std::fwrite(fields, sizeof fields, 1, file_) != 1) io_fail("cannot write", tmp_path_.string());
  }
  const std::uint64_t footer[2] = {table_offset, count};
  if (std::fwrite(footer, sizeof footer, 1, file_) != 1 || std::fwrite(magic_.data(), 8, 1, file_) != 1 ||
      std::fflush(file_) != 0)
    io_fail("cannot write", tmp_path_.string());
  if (::fsync(fileno(file_)) != 0) io_fail("cannot sync", tmp_path_.string());
  std::fclose(file_);
  file_ = nullptr;
  std::filesystem::rename(tmp_path_, path_);
  // Make the rename itself durable.
  const int dir = ::open(path_.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

SectionReader::SectionReader(const std::filesystem::path& path, std::string_view magic)
    : path_(path.string()) {
  file_ = std::fopen(path_.c_str(), "rb");
  if (!file_) io_fail("cannot open", path_);
  auto corrupt = [&](std::string_view why) {
    throw Error(ErrorCode::kStore, fmt::format("{} is corrupt ({})", path_, why));
  };
  if (std::fseek(file_, 0, SEEK_END) != 0) io_fail("cannot seek", path_);
  const long size = std::ftell(file_);
  if (size < static_cast<long>(8 + kFooterSize)) corrupt("too short");
  std::uint64_t footer[2];
  char head_magic[8], tail_magic[8];
  std::fseek(file_, 0, SEEK_SET);
  if (std::fread(head_magic, 8, 1, file_) != 1) corrupt("cannot read header");
  std::fseek(file_, size - static_cast<long>(kFooterSize), SEEK_SET);
  if (std::fread(footer, sizeof footer, 1, file_) != 1 || std::fread(tail_magic, 8, 1, file_) != 1)
    corrupt("cannot read footer");
  std::string want(magic);
  want.resize(8, ' ');
  // Both copies of the magic: no checksum covers them, so a damaged one must not pass unseen.
  if (std::memcmp(head_magic, want.data(), 8) != 0 || std::memcmp(tail_magic, want.data(), 8) != 0)
    corrupt("wrong file type or version");
  const std::uint64_t table_offset = footer[0], count = footer[1];
  const auto file_size = static_cast<std::uint64_t>(size);
  // Compared without overflow: a damaged count or offset must not wrap into a plausible size.
  if (count > file_size / 24 || table_offset > file_size ||
      table_offset + 8 + count * 24 + kFooterSize != file_size)
    corrupt("bad section table");
  table_.resize(count);
  std::fseek(file_, static_cast<long>(8 + table_offset), SEEK_SET);
  for (auto& e : table_) {
    std::uint64_t fields[3];
    if (std::fread(fields, sizeof fields, 1, file_) != 1) corrupt("cannot read section table");
    e = {fields[0], fields[1], fields[2]};
    if (e.length > table_offset || e.offset > table_offset - e.length) corrupt("section past the end");
  }
}

SectionReader::~SectionReader() {
  if (file_) std::fclose(file_);
}

const SectionReader::Entry& SectionReader::entry(std::size_t i, std::size_t element_size) const {
  if (i >= table_.size() || table_[i].length % element_size != 0)
    throw Error(ErrorCode::kStore, fmt::format("{} is corrupt (section {} missing or misaligned)", path_, i));
  return table_[i];
}

void SectionReader::read_into(const Entry& e, void* out) {
  if (e.length > 0) {
    std::fseek(file_, static_cast<long>(8 + e.offset), SEEK_SET);
    if (std::fread(out, 1, e.length, file_) != e.length)
      throw Error(ErrorCode::kStore, fmt::format("{} is corrupt (short read)", path_));
  }
  // Empty sections too: their table entry is part of the file and must be intact.
  const std::string_view data = e.length > 0 ? std::string_view(static_cast<const char*>(out), e.length)
                                             : std::string_view();
  if (hash64(data, 0x5e57) != e.hash)
    throw Error(ErrorCode::kStore, fmt::format("{} is corrupt (checksum mismatch)", path_));
}

std::string SectionReader::bytes(std::size_t i) {
  const Entry& e = entry(i, 1);
  std::string out(e.length, '\0');
  read_into(e, out.data());
  return out;
}

StringColumn SectionReader::get_strings(std::size_t first_section) {
  StringColumn s;
  s.offsets = get<std::uint64_t>(first_section);
  s.chars = bytes(first_section + 1);
  if (s.offsets.empty() || s.offsets.back() != s.chars.size())
    throw Error(ErrorCode::kStore, fmt::format("{} is corrupt (string column)", path_));
  return s;
}

Dictionary SectionReader::get_dictionary(std::size_t first_section) {
  const StringColumn s = get_strings(first_section);
  std::vector<std::string> strings;
  strings.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) strings.emplace_back(s.at(i));
  Dictionary d;
  d.assign(std::move(strings));  // written from a Dictionary: distinct, in code order
  return d;
}

}  // namespace ticketlens::store
