#include "ticketlens/common/hash.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "ticketlens/common/error.hpp"

namespace ticketlens {
namespace {

constexpr std::uint64_t kMul = 0x9fb21c651e98df25ULL;

inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline std::uint64_t mix(std::uint64_t h) noexcept {
  h ^= h >> 32;
  h *= kMul;
  h ^= h >> 29;
  h *= kMul;
  h ^= h >> 32;
  return h;
}

std::string to_hex(const unsigned char* digest, unsigned len) {
  std::string out;
  out.reserve(len * 2);
  for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};

}  // namespace

// Four independent lanes of 8-byte words, so the loop runs at several bytes per cycle; the
// tail and the length are folded in at the end.
std::uint64_t hash64(std::string_view bytes, std::uint64_t seed) noexcept {
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  std::uint64_t a = seed ^ 0x243f6a8885a308d3ULL, b = seed ^ 0x13198a2e03707344ULL,
                c = seed ^ 0xa4093822299f31d0ULL, d = seed ^ 0x082efa98ec4e6c89ULL;
  while (n >= 32) {
    a = (a ^ load64(p)) * kMul;
    b = (b ^ load64(p + 8)) * kMul;
    c = (c ^ load64(p + 16)) * kMul;
    d = (d ^ load64(p + 24)) * kMul;
    a ^= a >> 31;
    b ^= b >> 31;
    c ^= c >> 31;
    d ^= d >> 31;
    p += 32;
    n -= 32;
  }
  std::uint64_t h = mix(a) ^ mix(b + 1) ^ mix(c + 2) ^ mix(d + 3);
  while (n >= 8) {
    h = mix(h ^ load64(p));
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);  // p may be null for empty input (memcpy forbids it)
  return mix(h ^ tail ^ (static_cast<std::uint64_t>(bytes.size()) << 56) ^ n);
}

std::string sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, fmt::format("cannot read {}", path.string()));
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto got = in.gcount();
    if (got > 0) EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<std::size_t>(got));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  return to_hex(digest, len);
}

std::string sha256_hex(std::string_view bytes) {
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  return to_hex(digest, len);
}

}  // namespace ticketlens
