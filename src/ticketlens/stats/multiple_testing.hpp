#pragma once
// Benjamini–Hochberg adjustment of p-values for the false discovery rate, as R's
// p.adjust(p, "BH"): sorted descending, adjusted_i = min over j >= i of n / j * p_(j), capped
// at 1. NaN p-values stay NaN and do not count in n (R's NA handling). Empty input gives empty
// output. A p-value outside [0, 1] throws Error(kInvalidInput).
#include <span>
#include <vector>

namespace ticketlens::stats {

std::vector<double> benjamini_hochberg(std::span<const double> p_values);

}  // namespace ticketlens::stats
