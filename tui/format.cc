#include "tui/format.h"

#include <cmath>
#include <cstdio>


namespace tui {

Duration format_duration(int64_t ns, int precision, bool ascii) {
    if (ns < 0) ns = 0;
    char buf[64];
    const int64_t s = ns / 1'000'000'000;
    if (s >= 100LL * 86400) {
        snprintf(buf, sizeof buf, "%lldd", (long long)(s / 86400));
        return {buf, Style::DurD};
    }
    if (s >= 86400) {
        snprintf(buf, sizeof buf, "%lldd%02lldh", (long long)(s / 86400), (long long)(s / 3600 % 24));
        return {buf, Style::DurD};
    }
    if (s >= 3600) {
        snprintf(buf, sizeof buf, "%lldh%02lldm", (long long)(s / 3600), (long long)(s / 60 % 60));
        return {buf, Style::DurH};
    }
    if (s >= 60) {
        snprintf(buf, sizeof buf, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
        return {buf, Style::DurMin};
    }
    // Below a minute: the largest unit that keeps the number at least 1.
    double v;
    const char* unit;
    Style style;
    if (ns >= 1'000'000'000) { v = ns / 1e9; unit = "s"; style = Style::DurS; }
    else if (ns >= 1'000'000) { v = ns / 1e6; unit = "ms"; style = Style::DurMs; }
    else if (ns >= 1'000) { v = ns / 1e3; unit = ascii ? "us" : "\u00b5s"; style = Style::DurUs; }
    else { v = static_cast<double>(ns); unit = "ns"; style = Style::DurNs; precision = 0; }
    snprintf(buf, sizeof buf, "%.*f%s", precision, v, unit);
    return {buf, style};
}

std::string format_count(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); i++) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace tui
