#pragma once
// `ticketlens check`: problems in data that passed ingest validation but would mislead the
// analyses. Each finding has a count and a few examples; none of them changes the data.
#include <cstdint>
#include <string>
#include <vector>

#include "ticketlens/model/world.hpp"

namespace ticketlens::analysis {

struct QualityFinding {
  std::string name;         ///< stable identifier, e.g. "events_after_churn"
  std::string description;  ///< what it means and why it matters
  std::int64_t count = 0;
  std::vector<std::string> examples;  ///< up to 5
};

std::vector<QualityFinding> check_data_quality(const model::World& world);

}  // namespace ticketlens::analysis
