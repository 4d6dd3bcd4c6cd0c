#include "ticketlens/ingest/byte_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ticketlens/common/error.hpp"

namespace ticketlens::ingest {
namespace {

class FileSource final : public ByteSource {
 public:
  explicit FileSource(const std::filesystem::path& path) : name_(path.string()) {
    file_ = std::fopen(name_.c_str(), "rb");
    if (!file_)
      throw Error(ErrorCode::kIo, fmt::format("cannot open {}: {}", name_, std::strerror(errno)));
  }
  ~FileSource() override {
    if (file_) std::fclose(file_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t got = std::fread(buf, 1, n, file_);
    if (got < n && std::ferror(file_))
      throw Error(ErrorCode::kIo, fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
    return got;
  }
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::string name_;
  std::FILE* file_ = nullptr;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string bytes, std::string name)
      : bytes_(std::move(bytes)), name_(std::move(name)) {}
  std::size_t read(char* buf, std::size_t n) override {
    const std::size_t k = std::min(n, bytes_.size() - pos_);
    std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  std::string bytes_;
  std::string name_;
  std::size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> open_file_source(const std::filesystem::path& path) {
  return std::make_unique<FileSource>(path);
}

std::unique_ptr<ByteSource> memory_source(std::string bytes, std::string name) {
  return std::make_unique<MemorySource>(std::move(bytes), std::move(name));
}

ChunkBuffer::ChunkBuffer(ByteSource& source, std::size_t chunk)
    : source_(source),
      storage_(new char[std::max<std::size_t>(chunk, 1)]),
      capacity_(std::max<std::size_t>(chunk, 1)),
      data_(storage_.get()) {}

bool ChunkBuffer::ensure(std::size_t n) {
  while (end_ - pos_ < n)
    if (!refill()) return false;
  return true;
}

bool ChunkBuffer::refill() {
  if (eof_) return false;
  const std::size_t left = end_ - pos_;
  if (pos_ > 0) {
    std::memmove(data_, data_ + pos_, left);
    pos_ = 0;
    end_ = left;
  }
  if (end_ == capacity_) {  // one record longer than the buffer: grow
    const std::size_t bigger = capacity_ * 2;
    std::unique_ptr<char[]> grown(new char[bigger]);
    std::memcpy(grown.get(), data_, end_);
    storage_ = std::move(grown);
    data_ = storage_.get();
    capacity_ = bigger;
  }
  const std::size_t got = source_.read(data_ + end_, capacity_ - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool is_valid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // ASCII fast path, 8 bytes at a time.
    while (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (w & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p >= end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

}  // namespace ticketlens::ingest
