#pragma once
// The adapters behind the registry (importer.cpp), one file each.
#include <memory>

#include "ticketlens/ingest/import/importer.hpp"

namespace ticketlens::ingest {

std::unique_ptr<Importer> make_zendesk_importer();
std::unique_ptr<Importer> make_stripe_importer();
std::unique_ptr<Importer> make_segment_importer();
std::unique_ptr<Importer> make_amplitude_importer();
std::unique_ptr<Importer> make_posthog_importer();
std::unique_ptr<Importer> make_event_log_importer();
std::unique_ptr<Importer> make_freshdesk_importer();
std::unique_ptr<Importer> make_intercom_importer();
std::unique_ptr<Importer> make_ravenstack_importer();
std::unique_ptr<Importer> make_kaggle_tickets_importer();

}  // namespace ticketlens::ingest
