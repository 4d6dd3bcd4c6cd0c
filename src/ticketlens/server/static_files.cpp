#include "ticketlens/server/static_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ticketlens::server {
namespace {

Response not_found() { return error_response(404, "not_found", "no such file"); }

bool safe_relative(std::string_view rel) {
  if (rel.empty() || rel.size() > 512 || rel.front() == '/') return false;
  std::size_t start = 0;
  while (start <= rel.size()) {
    auto end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    const auto seg = rel.substr(start, end - start);
    if (seg.empty() || seg.front() == '.') return false;  // "", ".", "..", hidden files
    for (char c : seg)
      if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return false;
    start = end + 1;
  }
  return true;
}

std::string content_type(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

}  // namespace

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

bool StaticFiles::available() const {
  std::error_code ec;
  return !root_.empty() && std::filesystem::is_regular_file(root_ / "index.html", ec);
}

Response StaticFiles::serve(std::string_view relative) const {
  if (root_.empty() || !safe_relative(relative)) return not_found();
  std::error_code ec;
  const auto root = std::filesystem::canonical(root_, ec);
  if (ec) return not_found();
  const auto file = std::filesystem::weakly_canonical(root / std::filesystem::path(relative), ec);
  if (ec || !std::filesystem::is_regular_file(file, ec)) return not_found();
  const auto [end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (end != root.end()) return not_found();  // resolved outside the folder
  std::ifstream in(file, std::ios::binary);
  if (!in) return not_found();
  std::ostringstream body;
  body << in.rdbuf();
  Response r;
  r.body = body.str();
  r.content_type = content_type(file);
  // Vite names built files by content hash; index.html must be fetched anew to see new names.
  r.headers["Cache-Control"] = relative.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
  r.headers["X-Content-Type-Options"] = "nosniff";
  return r;
}

std::filesystem::path default_assets_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (const auto& candidate : {exe.parent_path() / "web", exe.parent_path() / ".." / "share" / "ticketlens" / "web"})
    if (std::filesystem::is_regular_file(candidate / "index.html", ec)) return candidate;
  return {};
}

}  // namespace ticketlens::server
