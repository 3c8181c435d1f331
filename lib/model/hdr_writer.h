// HdrWriter records values into an HdrHistogram and encodes it in the V2
// wire format (uncompressed), byte for byte as HdrHistogram's own writers do:
// counts up to the last recorded bucket, ZigZag LEB128, runs of two or more
// empty buckets as one negative number.  Used to send TaskDetails in tests
// and to re-encode decoded histograms.  Counts are kept sparsely; each stays
// at most INT64_MAX, as the format requires.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "model/hdr_histogram.h"

namespace model {

class HdrWriter {
public:
    // Throws std::invalid_argument when HdrLayout::check rejects the bounds.
    HdrWriter(uint64_t lowest, uint64_t highest, int sigfigs);
    // The same geometry and counts as h.
    explicit HdrWriter(const HdrHistogram& h);

    // Adds count at value; false, changing nothing, when value is beyond
    // the trackable range or the bucket's count would pass INT64_MAX.
    bool record(uint64_t value, uint64_t count = 1);

    const HdrLayout& layout() const { return layout_; }
    uint64_t count() const { return total_; }
    // What a reader of encode() sees.
    HdrHistogram histogram() const;
    // The V2 encoding (cookie 0x1c849313).
    std::string encode() const;

private:
    HdrLayout layout_;
    std::map<size_t, uint64_t> counts_;  // bucket index -> non-zero count
    uint64_t total_ = 0;
};

}  // namespace model
