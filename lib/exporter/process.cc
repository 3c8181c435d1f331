#include "exporter/process.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

namespace exporter {

namespace {

// Resident pages from /proc/self/statm, in bytes; 0 when it cannot be read.
double resident_bytes() {
    FILE* f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long size = 0, resident = 0;
    int n = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    return n == 2 ? double(resident) * double(sysconf(_SC_PAGESIZE)) : 0;
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto secs = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return secs(u.ru_utime) + secs(u.ru_stime);
}

}  // namespace

void write_process(Families& out) {
    out.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", {}, resident_bytes());
    out.counter("process_cpu_seconds", "Total user and system CPU time spent in seconds.", {}, cpu_seconds());
}

}  // namespace exporter
