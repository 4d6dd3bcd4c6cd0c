// Placeholder registration until app/cmd_stats.cpp lands: `ticketlens stats` is not built yet
// and says so instead of pretending.
#include "command.hpp"
#include "ticketlens/common/error.hpp"

namespace ticketlens::app {
void register_stats(CLI::App&, Context&) {}
}  // namespace ticketlens::app
