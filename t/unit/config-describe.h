// Prints config::Settings as one "field=value" line per field, so that
// tests compare whole settings and a failure shows which field differs.
#pragma once

#include <sstream>
#include <string>

#include "config/settings.h"

inline std::string describe(const config::Settings& s) {
    std::ostringstream o;
    auto list = [&](const std::vector<std::string>& v) {
        std::string r;
        for (const auto& x : v) r += (r.empty() ? "" : ",") + x;
        return r;
    };
    o << "target=" << s.target << "\n"
      << "log_filter=" << s.log_filter << "\n"
      << "log_dir=" << s.log_dir << "\n"
      << "warnings=" << list(s.warnings) << "\n"
      << "allow_warnings=" << list(s.allow_warnings) << "\n"
      << "allow_all=" << s.allow_all << "\n"
      << "self_wakes_percent=" << s.self_wakes_percent << "\n"
      << "large_future_bytes=" << s.large_future_bytes << "\n"
      << "never_yielded_after_ns=" << s.never_yielded_after_ns << "\n"
      << "long_poll_ns=" << s.long_poll_ns << "\n"
      << "blocked_after_ns=" << s.blocked_after_ns << "\n"
      << "retain_for_ns=" << (s.retain_for_ns ? std::to_string(*s.retain_for_ns) : "none") << "\n"
      << "lang=" << s.lang << "\n"
      << "ascii_only=" << s.ascii_only << "\n"
      << "colors_enabled=" << s.colors_enabled << "\n"
      << "truecolor=" << s.truecolor << "\n"
      << "palette=" << (int)s.palette << "\n"
      << "palette_explicit=" << s.palette_explicit << "\n"
      << "duration_colors=" << s.duration_colors << "\n"
      << "terminated_colors=" << s.terminated_colors << "\n"
      << "max_message_size=" << s.max_message_size << "\n"
      << "tls_ca=" << s.tls_ca << "\n"
      << "tls_cert=" << s.tls_cert << "\n"
      << "tls_key=" << s.tls_key << "\n"
      << "tls_insecure=" << s.tls_insecure << "\n";
    return o.str();
}
