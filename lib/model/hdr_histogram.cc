// HdrHistogram V2 decoding and statistics; see hdr_histogram.h.
#include "model/hdr_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace model {

namespace {

constexpr uint32_t kV2Cookie = 0x1c849313;
constexpr uint32_t kV2DeflateCookie = 0x1c849314;
constexpr size_t kHeaderSize = 40;
constexpr unsigned kMaxVarintBytes = 9;
constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();

// v << shift, or the largest value when that does not fit.
uint64_t shl_saturating(uint64_t v, unsigned shift) {
    if (v == 0) return 0;
    if (shift >= 64 || v > (kMax >> shift)) return kMax;
    return v << shift;
}

uint64_t add_saturating(uint64_t a, uint64_t b) {
    return a > kMax - b ? kMax : a + b;
}

uint32_t read_be32(const unsigned char* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

uint64_t read_be64(const unsigned char* p) {
    return uint64_t(read_be32(p)) << 32 | read_be32(p + 4);
}

std::string hex32(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

HdrDecoded failure(std::string message) {
    HdrDecoded d;
    d.error = std::move(message);
    return d;
}

}  // namespace

// --- layout ---------------------------------------------------------------

namespace {

// Smallest m with 2^m >= 2 * 10^sigfigs: sub-buckets of single-unit
// resolution up to that value (sigfigs <= 5).
unsigned sub_bucket_count_magnitude(uint32_t sigfigs) {
    uint64_t largest = 2;
    for (uint32_t i = 0; i < sigfigs; i++) largest *= 10;
    unsigned m = 0;
    while ((uint64_t(1) << m) < largest) m++;
    return m;
}

unsigned floor_log2(uint64_t v) {
    return 63 - std::countl_zero(v);
}

}  // namespace

std::string HdrLayout::check(uint64_t lowest, uint64_t highest, uint32_t sigfigs) {
    if (lowest < 1) return "lowest trackable value must be at least 1";
    if (lowest > kMax / 2) return "lowest trackable value " + std::to_string(lowest) + " is too large";
    if (highest < 2 * lowest)
        return "highest trackable value " + std::to_string(highest) + " is less than twice the lowest " +
               std::to_string(lowest);
    if (sigfigs > 5) return "significant figures " + std::to_string(sigfigs) + " not in 0..5";
    if (floor_log2(lowest) + sub_bucket_count_magnitude(sigfigs) > 63)
        return std::to_string(sigfigs) + " significant figures cannot be kept above " + std::to_string(lowest);
    return "";
}

HdrLayout::HdrLayout(uint64_t lowest, uint64_t highest, uint32_t sigfigs)
    : lowest_(lowest), highest_(highest), sigfigs_(sigfigs) {
    unsigned count_magnitude = sub_bucket_count_magnitude(sigfigs);
    unit_magnitude_ = floor_log2(lowest);
    sub_bucket_half_count_magnitude_ = count_magnitude - 1;
    sub_bucket_half_count_ = uint64_t(1) << sub_bucket_half_count_magnitude_;
    sub_bucket_mask_ = ((uint64_t(1) << count_magnitude) - 1) << unit_magnitude_;
    leading_zero_count_base_ = 64 - unit_magnitude_ - count_magnitude;

    // Buckets needed so that the last one reaches highest; each doubles.
    uint64_t smallest_untrackable = uint64_t(1) << (count_magnitude + unit_magnitude_);
    unsigned buckets = 1;
    while (smallest_untrackable <= highest) {
        if (smallest_untrackable > kMax / 2) {
            buckets++;
            break;
        }
        smallest_untrackable <<= 1;
        buckets++;
    }
    bucket_count_ = buckets;
    length_ = size_t(buckets + 1) * sub_bucket_half_count_;
}

unsigned HdrLayout::bucket_for(uint64_t value) const {
    return leading_zero_count_base_ - std::countl_zero(value | sub_bucket_mask_);
}

size_t HdrLayout::index_for(uint64_t value) const {
    unsigned bucket = bucket_for(value);
    uint64_t sub_bucket = value >> (bucket + unit_magnitude_);
    uint64_t base = uint64_t(bucket + 1) << sub_bucket_half_count_magnitude_;
    return size_t(base + sub_bucket - sub_bucket_half_count_);
}

uint64_t HdrLayout::value_for(size_t index) const {
    long bucket = long(index >> sub_bucket_half_count_magnitude_) - 1;
    uint64_t sub_bucket = (index & (sub_bucket_half_count_ - 1)) + sub_bucket_half_count_;
    if (bucket < 0) {
        sub_bucket -= sub_bucket_half_count_;
        bucket = 0;
    }
    return shl_saturating(sub_bucket, unsigned(bucket) + unit_magnitude_);
}

uint64_t HdrLayout::equivalent_range(uint64_t value) const {
    return uint64_t(1) << (bucket_for(value) + unit_magnitude_);
}

uint64_t HdrLayout::lowest_equivalent(uint64_t value) const {
    unsigned shift = bucket_for(value) + unit_magnitude_;
    return (value >> shift) << shift;
}

uint64_t HdrLayout::highest_equivalent(uint64_t value) const {
    if (value == kMax) return kMax;
    return add_saturating(lowest_equivalent(value), equivalent_range(value)) - 1;
}

uint64_t HdrLayout::median_equivalent(uint64_t value) const {
    return add_saturating(lowest_equivalent(value), equivalent_range(value) >> 1);
}

// --- decoding -------------------------------------------------------------

HdrDecoded HdrHistogram::decode(std::string_view bytes) {
    auto p = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < 4) return failure("histogram truncated: " + std::to_string(bytes.size()) + " bytes, no cookie");
    uint32_t cookie = read_be32(p);
    if (cookie == kV2DeflateCookie) return failure("compressed histogram (v2 deflate) is not supported");
    if (cookie != kV2Cookie) return failure("not an hdrhistogram v2 encoding: cookie " + hex32(cookie));
    if (bytes.size() < kHeaderSize)
        return failure("histogram truncated: header needs " + std::to_string(kHeaderSize) + " bytes, got " +
                       std::to_string(bytes.size()));

    uint32_t payload_length = read_be32(p + 4);
    uint32_t normalizing_offset = read_be32(p + 8);
    uint32_t sigfigs = read_be32(p + 12);
    uint64_t lowest = read_be64(p + 16);
    uint64_t highest = read_be64(p + 24);
    uint64_t ratio_bits = read_be64(p + 32);
    double ratio;
    std::memcpy(&ratio, &ratio_bits, sizeof ratio);

    if (normalizing_offset != 0)
        return failure("normalizing index offset " + std::to_string(int32_t(normalizing_offset)) + " is not supported");
    if (ratio != 1.0)
        return failure("integer to double conversion ratio " + std::to_string(ratio) + " is not supported");
    std::string why = HdrLayout::check(lowest, highest, sigfigs);
    if (!why.empty()) return failure("invalid histogram header: " + why);
    if (bytes.size() - kHeaderSize < payload_length)
        return failure("histogram payload truncated: " + std::to_string(payload_length) + " bytes announced, " +
                       std::to_string(bytes.size() - kHeaderSize) + " present");

    HdrHistogram h{HdrLayout(lowest, highest, sigfigs)};
    std::string error = h.read_counts(p + kHeaderSize, payload_length);
    if (!error.empty()) return failure(error);
    HdrDecoded d;
    d.histogram.emplace(std::move(h));
    return d;
}

namespace {

// One ZigZag LEB128 number at q (the ninth byte carries a full eight
// bits); false when the payload ends inside it.
bool read_zigzag(const unsigned char*& q, const unsigned char* end, uint64_t& zz) {
    zz = 0;
    for (unsigned n = 0;; n++) {
        if (q == end) return false;
        unsigned char b = *q++;
        if (n == kMaxVarintBytes - 1) {
            zz |= uint64_t(b) << 56;
            return true;
        }
        zz |= uint64_t(b & 0x7f) << (7 * n);
        if (!(b & 0x80)) return true;
    }
}

}  // namespace

std::string HdrHistogram::read_counts(const unsigned char* payload, size_t size) {
    const size_t length = layout_.length();
    const unsigned char* q = payload;
    const unsigned char* end = payload + size;
    size_t index = 0;  // saturates at length: past it only zeros may follow
    while (q < end) {
        const unsigned char* start = q;
        uint64_t zz;
        if (!read_zigzag(q, end, zz))
            return "histogram count truncated at payload byte " + std::to_string(start - payload);
        if (zz & 1) {
            // A negative number: a run of (zz >> 1) + 1 empty buckets.
            uint64_t run = (zz >> 1) + 1;
            index = run >= length - index ? length : index + size_t(run);
            continue;
        }
        uint64_t count = zz >> 1;
        if (count != 0) {
            if (index >= length) return "histogram counts run past its " + std::to_string(length) + " buckets";
            if (!append(index, count)) return "histogram total count overflows";
        }
        if (index < length) index++;
    }
    return "";
}

bool HdrHistogram::append(size_t index, uint64_t count) {
    if (index >= layout_.length() || count > kMax - total_) return false;
    if (!slots_.empty() && index <= slots_.back().index) return false;
    if (count == 0) return true;
    slots_.push_back(Slot{uint32_t(index), count});
    total_ += count;
    return true;
}

// --- statistics -----------------------------------------------------------

uint64_t HdrHistogram::min() const {
    if (slots_.empty() || slots_.front().index == 0) return 0;
    return layout_.value_for(slots_.front().index);
}

uint64_t HdrHistogram::max() const {
    if (slots_.empty()) return 0;
    return layout_.highest_equivalent(layout_.value_for(slots_.back().index));
}

double HdrHistogram::mean() const {
    if (total_ == 0) return 0.0;
    // Bucket medians weighted by their counts, summed, then divided once.
    double sum = 0.0;
    for (const Slot& s : slots_) sum += double(layout_.median_equivalent(layout_.value_for(s.index))) * double(s.count);
    return sum / double(total_);
}

uint64_t HdrHistogram::value_at_percentile(double p) const {
    // One ulp below the request, so that a product like 99.9% of 20000 that
    // rounds to 19980.000000000004 asks for 19980 values, not 19981.
    double requested = std::nextafter(p, -std::numeric_limits<double>::infinity());
    requested = std::min(std::max(requested, 0.0), 100.0);
    double fractional = std::ceil(requested / 100.0 * double(total_));
    uint64_t wanted = 1;
    if (fractional >= 18446744073709551616.0)
        wanted = kMax;
    else if (fractional > 1)
        wanted = uint64_t(fractional);

    uint64_t seen = 0;
    for (const Slot& s : slots_) {
        seen += s.count;
        if (seen >= wanted) {
            uint64_t v = layout_.value_for(s.index);
            return p == 0.0 ? layout_.lowest_equivalent(v) : layout_.highest_equivalent(v);
        }
    }
    return 0;
}

std::vector<HdrEntry> HdrHistogram::recorded() const {
    std::vector<HdrEntry> out;
    out.reserve(slots_.size());
    for (const Slot& s : slots_)
        out.push_back(HdrEntry{layout_.highest_equivalent(layout_.value_for(s.index)), s.count});
    return out;
}

// --- chart buckets --------------------------------------------------------

std::vector<uint64_t> HdrHistogram::linear_buckets(uint64_t step, size_t limit) const {
    std::vector<uint64_t> out;
    if (step == 0 || slots_.empty() || limit == 0) return out;
    // Each bucket's count lands in the step that holds its lowest value.
    // After the last recorded bucket, steps go on while their upper end
    // stays inside the bucket where the last non-empty step ended.
    uint64_t first_step = layout_.value_for(slots_.front().index) / step;
    uint64_t last_step = layout_.value_for(slots_.back().index) / step;
    uint64_t level = last_step >= kMax / step ? kMax : (last_step + 1) * step - 1;
    size_t ending = layout_.index_for(level);
    if (ending >= layout_.length()) ending = layout_.length() - 1;
    uint64_t end_value = layout_.highest_equivalent(layout_.value_for(ending));
    uint64_t trailing = end_value == kMax ? kMax / step : (end_value + 1) / step;
    if (trailing > 0 && trailing - 1 > last_step) last_step = trailing - 1;

    uint64_t steps = last_step - first_step + 1;
    out.assign(steps < limit ? size_t(steps) : limit, 0);
    for (const Slot& s : slots_) {
        uint64_t k = layout_.value_for(s.index) / step - first_step;
        if (k < out.size()) out[size_t(k)] += s.count;
    }
    return out;
}

std::vector<uint64_t> HdrHistogram::chart_buckets(unsigned width) const {
    if (width == 0) return {};
    uint64_t span = max() - min();
    uint64_t step = span / width + (span % width != 0) + 1;
    return linear_buckets(step, size_t(width) + 1);
}

}  // namespace model
