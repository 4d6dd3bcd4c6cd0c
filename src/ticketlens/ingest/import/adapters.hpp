#pragma once
// The adapters behind the registry (importer.cpp), one file each.
#include <memory>

#include "ticketlens/ingest/import/importer.hpp"

namespace ticketlens::ingest {

std::unique_ptr<Importer> make_zendesk_importer();
std::unique_ptr<Importer> make_stripe_importer();

}  // namespace ticketlens::ingest
