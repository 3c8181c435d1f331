// The exporter's own process metrics, named as every Prometheus client
// library names them: process_resident_memory_bytes and
// process_cpu_seconds_total.
#pragma once

#include "exporter/metric.h"

namespace exporter {

void write_process(Families& out);

}  // namespace exporter
