// The formats of `tokio-console dump`: each snapshot's rows written to a
// FILE as a table (the console's columns fitted to a width), one JSON
// document, JSON lines or CSV.  A writer keeps what spans snapshots: the
// CSV header is written once, tables are parted by a blank line.
#pragma once

#include <cstdio>
#include <string>

#include "config/settings.h"
#include "program/dump_rows.h"

namespace program {

class DumpWriter {
public:
    using Format = config::DumpSettings::Format;
    // `width`: the table's; `watch`: snapshots repeat (CSV rows then say
    // which snapshot they belong to).
    DumpWriter(FILE* out, Format format, int width, bool ascii, bool watch)
        : out_(out), format_(format), width_(width), ascii_(ascii), watch_(watch) {}

    // Writes one snapshot; false when the output fails.
    bool write(const SnapshotRows& rows, const DumpQuery& q);

private:
    void table(const SnapshotRows& rows, const DumpQuery& q);
    void json(const SnapshotRows& rows, const DumpQuery& q);
    void jsonl(const SnapshotRows& rows);
    void csv(const SnapshotRows& rows, const DumpQuery& q);

    FILE* out_;
    Format format_;
    int width_;
    bool ascii_;
    bool watch_;
    int snapshots_ = 0;
};

// Server time as RFC 3339 in UTC with nanoseconds:
// "2026-11-29T09:34:20.123456789Z".
std::string rfc3339(model::Nanos ns);

// One CSV field, quoted when it must be (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace program
