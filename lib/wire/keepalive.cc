// Keepalive timing; see keepalive.h.
#include "wire/keepalive.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace wire {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kMaxTime{24 * 3600 * 1000};  // doubling stops here
constexpr milliseconds kMinScaledTimeout{1000};

}  // namespace

Keepalive::Keepalive(const ClientOptions& opt) : time_(opt.keepalive_time), timeout_(opt.keepalive_timeout) {
    const char* env = std::getenv("TOKIO_CONSOLE_TEST_KEEPALIVE_MS");
    if (env && *env) {
        char* end = nullptr;
        long long ms = std::strtoll(env, &end, 10);
        if (*end == '\0' && ms > 0 && time_.count() > 0) {
            double scale = double(ms) / double(time_.count());
            time_ = milliseconds(ms);
            timeout_ =
                std::max(kMinScaledTimeout, milliseconds(static_cast<long long>(double(timeout_.count()) * scale)));
        }
    }
    time_ = std::clamp(time_, milliseconds(1), kMaxTime);
}

void Keepalive::heard(Clock::time_point now) {
    last_rx_ = now;
    ping_sent_.reset();
}

Keepalive::Due Keepalive::check(Clock::time_point now) {
    if (ping_sent_) return now >= *ping_sent_ + timeout_ ? Due::Dead : Due::Nothing;
    if (now < last_rx_ + time_) return Due::Nothing;
    ping_sent_ = now;
    return Due::Ping;
}

Clock::time_point Keepalive::next() const {
    return ping_sent_ ? *ping_sent_ + timeout_ : last_rx_ + time_;
}

void Keepalive::too_many_pings() {
    time_ = std::min(time_ * 2, kMaxTime);
}

}  // namespace wire
