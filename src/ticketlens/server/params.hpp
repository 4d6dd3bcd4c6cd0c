#pragma once
// Query and path parameters of the API, validated before use: a bad value is HttpError 400
// that names the parameter and the accepted form; nothing of a parameter reaches SQL text.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ticketlens/analysis/dimension.hpp"
#include "ticketlens/analysis/period.hpp"
#include "ticketlens/model/world.hpp"
#include "ticketlens/server/http.hpp"

namespace ticketlens::server {

/// The period parameters every analysis route takes, as the CLI's --week/--from/--to.
inline const std::initializer_list<std::string_view> kPeriodParams = {"week", "month", "from", "to"};

/// 400 when the request has a parameter outside `allowed` and `also` (typos must not be ignored).
void check_params(const Request& request, std::initializer_list<std::string_view> allowed,
                  std::initializer_list<std::string_view> also = {});
/// `week=2026-W47`, `month=2026-11`, or `from=DATE&to=DATE` (to exclusive); none: the last full
/// week of the data. 400 for a malformed value or a mix of them.
analysis::Period period_param(const Request& request, const model::World& world);
/// A canonical, cache-friendly text of the period parameters.
std::string period_key(const Request& request);
/// `by=category,channel`: dimension names of analysis::dimension_names(); 400 otherwise.
std::vector<analysis::Dimension> dimensions_param(const Request& request, const std::string& name = "by");
/// An id from the path or query: 1 to 256 bytes of printable UTF-8 text; 400 otherwise.
std::string id_value(std::string_view value, std::string_view what);
/// A whole number in [min, max] (default when absent); 400 otherwise.
std::int64_t int_param(const Request& request, const std::string& name, std::int64_t min, std::int64_t max,
                       std::int64_t fallback);

}  // namespace ticketlens::server
