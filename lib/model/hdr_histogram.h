// HdrHistogram, read from its V2 wire encoding (uncompressed, cookie
// 0x1c849313), as console-subscriber sends poll and scheduled times.
//
// HdrLayout is the bucket geometry that lowest/highest trackable value and
// significant figures define: values map to indexes of a counts array whose
// buckets double in width.  HdrHistogram holds the non-zero counts of such an
// array sparsely, so memory is bounded by the bytes decoded, whatever the
// header claims.  Statistics follow HdrHistogram's reference definitions: max
// and percentiles report the highest value equivalent to the bucket, min the
// lowest, mean weighs each bucket's median; a percentile is taken one ulp
// below the request so that floating-point noise never skips a bucket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace model {

// Bucket geometry.  Invariant once built: 1 <= lowest, 2 * lowest <= highest,
// sigfigs in [0, 5], every index below length() names a representable value.
class HdrLayout {
public:
    // Why these parameters make no histogram, or "" when they do.
    static std::string check(uint64_t lowest, uint64_t highest, uint32_t sigfigs);
    // Precondition: check(lowest, highest, sigfigs) is "".
    HdrLayout(uint64_t lowest, uint64_t highest, uint32_t sigfigs);

    uint64_t lowest() const { return lowest_; }
    uint64_t highest() const { return highest_; }
    uint32_t sigfigs() const { return sigfigs_; }
    size_t length() const { return length_; }  // entries in the counts array

    // Index of the bucket holding value; length() or more when untrackable.
    size_t index_for(uint64_t value) const;
    // Lowest value of the bucket at index (index < length()).
    uint64_t value_for(size_t index) const;

    uint64_t lowest_equivalent(uint64_t value) const;
    uint64_t highest_equivalent(uint64_t value) const;
    uint64_t median_equivalent(uint64_t value) const;
    uint64_t equivalent_range(uint64_t value) const;

private:
    unsigned bucket_for(uint64_t value) const;

    uint64_t lowest_;
    uint64_t highest_;
    uint32_t sigfigs_;
    unsigned unit_magnitude_;
    unsigned sub_bucket_half_count_magnitude_;
    unsigned leading_zero_count_base_;
    uint64_t sub_bucket_half_count_;
    uint64_t sub_bucket_mask_;
    unsigned bucket_count_;
    size_t length_;
};

// One recorded bucket: the highest value equivalent to it and its count.
struct HdrEntry {
    uint64_t value;
    uint64_t count;
    bool operator==(const HdrEntry&) const = default;
};

struct HdrDecoded;

class HdrHistogram {
public:
    // A non-zero count at an index of the counts array.
    struct Slot {
        uint32_t index;
        uint64_t count;
    };

    // Decodes V2 bytes; never throws, never allocates more than the input
    // can describe.  Bytes after the payload are ignored, as HdrHistogram's
    // readers do.
    static HdrDecoded decode(std::string_view bytes);

    // An empty histogram with this geometry.
    explicit HdrHistogram(const HdrLayout& layout) : layout_(layout) {}
    // Adds count at index (index < layout().length(), indexes increasing).
    // Returns false, changing nothing, when it does not fit.
    bool append(size_t index, uint64_t count);

    const HdrLayout& layout() const { return layout_; }
    const std::vector<Slot>& slots() const { return slots_; }

    uint64_t count() const { return total_; }
    uint64_t min() const;  // lowest equivalent of the smallest value; 0 when empty
    uint64_t max() const;  // highest equivalent of the largest value; 0 when empty
    double mean() const;   // 0 when empty
    // The value at or below which p percent of the counts fall: the highest
    // equivalent of its bucket (the lowest for p == 0); p is clamped to
    // [0, 100]; 0 when empty.
    uint64_t value_at_percentile(double p) const;

    // Every recorded bucket, lowest first.
    std::vector<HdrEntry> recorded() const;

    // Counts per step of `step` units (steps start at multiples of step),
    // as HdrHistogram's linear iteration reports them, from the step that
    // holds min() on: leading empty steps dropped, at most limit entries.
    // Empty when nothing is recorded or step is 0.
    std::vector<uint64_t> linear_buckets(uint64_t step, size_t limit) const;
    // The bars of a chart `width` columns wide, as tokio-console draws them:
    // steps of ceil((max - min) / width) + 1.  At most width + 1 entries
    // (the last one is often empty); draw the first width.
    std::vector<uint64_t> chart_buckets(unsigned width) const;

private:
    // Appends the counts of a V2 payload; an error message, or "".
    std::string read_counts(const unsigned char* payload, size_t size);

    HdrLayout layout_;
    std::vector<Slot> slots_;
    uint64_t total_ = 0;
};

// What decoding gives: a histogram, or a lowercase message saying why not.
struct HdrDecoded {
    std::optional<HdrHistogram> histogram;
    std::string error;
    explicit operator bool() const { return histogram.has_value(); }
};

}  // namespace model
