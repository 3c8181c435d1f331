// Corrupt, truncated and hostile HdrHistogram bytes give an error message,
// never a crash or a large allocation.
#include <random>
#include <string>

#include "model/hdr_histogram.h"
#include "t/unit/hdr-fixture.h"
#include "t/unit/tap.h"

using model::HdrHistogram;

static void put32(std::string& s, size_t at, uint32_t v) {
    for (int i = 0; i < 4; i++) s[at + i] = char(v >> (24 - 8 * i));
}

static void put64(std::string& s, size_t at, uint64_t v) {
    put32(s, at, uint32_t(v >> 32));
    put32(s, at + 4, uint32_t(v));
}

// A valid header for (1, 1e9, 2) followed by payload.
static std::string with_payload(const std::string& payload) {
    std::string s(40, '\0');
    put32(s, 0, 0x1c849313);
    put32(s, 4, uint32_t(payload.size()));
    put32(s, 12, 2);
    put64(s, 16, 1);
    put64(s, 24, 1000000000);
    put64(s, 32, 0x3ff0000000000000ull);  // 1.0
    return s + payload;
}

static bool fails_with(const std::string& bytes, const std::string& words, const std::string& title) {
    model::HdrDecoded d = HdrHistogram::decode(bytes);
    bool ok = !d && d.error.find(words) != std::string::npos;
    if (!tap::check(ok, title)) tap::diag(d ? std::string("decoded") : d.error);
    return ok;
}

// What any decoded histogram must satisfy, however odd its bytes.
static bool sane(const HdrHistogram& h) {
    uint64_t sum = 0;
    for (const auto& e : h.recorded()) sum += e.count;
    return sum == h.count() && h.min() <= h.max() && h.value_at_percentile(50) <= h.max() &&
           h.chart_buckets(40).size() <= 41 && h.slots().size() <= 4096;
}

static void prefixes(const std::vector<fixture::Hdr>& all) {
    for (const auto& f : all) {
        bool every = true;
        for (size_t n = 0; n < f.bytes.size(); n++) {
            model::HdrDecoded d = HdrHistogram::decode(std::string_view(f.bytes).substr(0, n));
            if (d || d.error.empty()) {
                every = false;
                tap::diag(f.name + ": prefix of " + std::to_string(n) + " bytes decoded");
                break;
            }
        }
        tap::check(every, f.name + ": every proper prefix is an error");
    }
}

static void flips(const std::vector<fixture::Hdr>& all) {
    std::mt19937 rng(4);
    for (const auto& f : all) {
        int errors = 0, decoded = 0;
        bool all_sane = true;
        for (int round = 0; round < 3000; round++) {
            std::string b = f.bytes;
            int n = 1 + int(rng() % 4);
            for (int i = 0; i < n; i++) b[rng() % b.size()] ^= char(1 + rng() % 255);
            model::HdrDecoded d = HdrHistogram::decode(b);
            if (d) {
                decoded++;
                all_sane = all_sane && sane(*d.histogram);
            } else {
                errors++;
                all_sane = all_sane && !d.error.empty();
            }
        }
        tap::check(all_sane, f.name + ": 3000 random corruptions: " + std::to_string(errors) + " errors, " +
                                 std::to_string(decoded) + " sane histograms");
    }
}

static void headers() {
    std::string good = with_payload(std::string("\x00\x02", 2));
    tap::check(bool(HdrHistogram::decode(good)), "a hand-made header decodes");
    tap::check(bool(HdrHistogram::decode(good + "trailing")), "bytes after the payload are ignored");

    std::string b = good;
    put32(b, 0, 0x1c849314);
    fails_with(b, "not supported", "the v2 deflate cookie is reported as unsupported");
    put32(b, 0, 0x1c849312);
    fails_with(b, "cookie 0x1c849312", "an unknown cookie is named");
    fails_with("", "truncated", "no bytes at all");

    b = good;
    put32(b, 8, 3);
    fails_with(b, "normalizing index offset", "a normalizing index offset is unsupported");
    b = good;
    put64(b, 32, 0x4000000000000000ull);  // 2.0
    fails_with(b, "ratio", "an integer to double ratio other than 1 is unsupported");
    b = good;
    put32(b, 12, 6);
    fails_with(b, "significant figures", "six significant figures");
    b = good;
    put32(b, 12, 0xffffffff);
    fails_with(b, "significant figures", "four billion significant figures");
    b = good;
    put64(b, 16, 0);
    fails_with(b, "lowest", "lowest trackable value 0");
    b = good;
    put64(b, 16, 600);
    put64(b, 24, 1000);
    fails_with(b, "less than twice", "highest below twice the lowest");
    b = good;
    put64(b, 16, uint64_t(1) << 62);
    put64(b, 24, ~uint64_t(0));
    put32(b, 12, 5);
    fails_with(b, "cannot be kept", "precision that does not fit above a large lowest value");
    b = good;
    put32(b, 4, 0xffffffff);
    fails_with(b, "payload truncated", "a payload length of 4 GiB with two bytes present");
}

static void payloads() {
    fails_with(with_payload("\x80"), "truncated", "a count cut in the middle");
    fails_with(with_payload(std::string(8, '\xff')), "truncated", "eight continuation bytes and nothing more");
    // 3072 buckets for (1, 1e9, 2): skip them all, then one count.
    fails_with(with_payload("\xff\x2f\x02"), "past", "a count beyond the last bucket");  // -3072 then 1
    tap::check(bool(HdrHistogram::decode(with_payload("\xff\x2f\x00"))), "zeros beyond the last bucket are harmless");
    std::string nine(8, '\xff');
    nine += '\xff';  // the largest run of empty buckets there is
    model::HdrDecoded d = HdrHistogram::decode(with_payload(std::string("\x02", 1) + nine + "\x00"));
    tap::check(d && d.histogram->count() == 1, "a run of 2^63 empty buckets does not overflow");
    std::string big = std::string(8, '\xfe') + '\x7f';  // zigzag of 0x7ffe... even: a huge count
    std::string twice = big + big;
    d = HdrHistogram::decode(with_payload(twice + twice + twice));
    tap::check(!d && d.error.find("overflow") != std::string::npos, "counts that overflow the total are an error");

    // The widest geometry: five figures up to 2^64 - 1 holds millions of
    // buckets, yet only what the payload names is kept.
    std::string s = with_payload(std::string("\xfd\xff\xff\x03\x02", 5));
    put32(s, 12, 5);
    put64(s, 24, ~uint64_t(0));
    d = HdrHistogram::decode(s);
    tap::check(d && d.histogram->layout().length() > 4000000 && d.histogram->slots().size() == 1,
               "a vast bucket range costs only what is recorded");
    if (d)
        tap::check(d.histogram->value_at_percentile(100) == d.histogram->max() && d.histogram->max() > 0,
                   "and answers percentiles");
}

int main() {
    if (fixture::have_fixtures("hdr")) {
        std::vector<fixture::Hdr> all = fixture::load_hdr_fixtures();
        tap::check(!all.empty(), "fixtures found");
        prefixes(all);
        flips(all);
    }
    headers();
    payloads();
    return tap::done();
}
