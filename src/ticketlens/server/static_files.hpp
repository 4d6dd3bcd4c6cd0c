#pragma once
// The dashboard's built assets (web/ built by npm into a folder), served read-only. Only
// files inside the folder are served: a path with `..`, `.`, a backslash, a NUL or a hidden
// segment, or one that resolves (through links) outside the folder, is 404.
#include <filesystem>
#include <optional>
#include <string_view>

#include "ticketlens/server/http.hpp"

namespace ticketlens::server {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  /// The response for a relative path (`index.html`, `assets/index-3f2a.js`); 404 otherwise.
  [[nodiscard]] Response serve(std::string_view relative) const;
  [[nodiscard]] bool available() const;  ///< the folder holds index.html
  [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }

 private:
  std::filesystem::path root_;
};

/// Where the assets are when --assets is not given: `<executable's folder>/web`, else
/// `<executable's folder>/../share/ticketlens/web`; empty when neither holds index.html.
std::filesystem::path default_assets_dir();

}  // namespace ticketlens::server
