#include "program/options.h"

#include <langinfo.h>

#include <cctype>
#include <string>

#include "util/text.h"

namespace program {

namespace {

bool names_utf8(const std::string& lang) {
    std::string l = util::ascii_lower(lang);
    return l.find("utf-8") != std::string::npos || l.find("utf8") != std::string::npos;
}

}  // namespace

bool decide_ascii(const config::Settings& s) {
    if (s.ascii_only) return true;
    if (!s.lang.empty()) return !names_utf8(s.lang);
    const char* cs = nl_langinfo(CODESET);
    return !(cs && names_utf8(cs));
}

view::DrawOptions draw_options(const config::Settings& s) {
    view::DrawOptions d;
    d.ascii = decide_ascii(s);
    d.duration_colors = s.duration_colors;
    d.terminated_colors = s.terminated_colors;
    d.blocked_after = static_cast<int64_t>(s.blocked_after_ns);
    return d;
}

model::LintConfig lint_config(const config::Settings& s) {
    model::LintConfig c;
    c.enabled = 0;
    for (const auto& name : s.warnings) {
        model::Lint l;
        if (model::lint_from_name(name, l)) c.enabled |= 1u << static_cast<int>(l);
    }
    for (const auto& name : s.allow_warnings) {
        model::Lint l;
        if (model::lint_from_name(name, l)) c.enabled &= ~(1u << static_cast<int>(l));
    }
    if (s.allow_all) c.enabled = 0;
    c.self_wakes_percent = s.self_wakes_percent;
    c.large_future_bytes = static_cast<int64_t>(s.large_future_bytes);
    c.never_yielded_after = static_cast<model::Nanos>(s.never_yielded_after_ns);
    c.long_poll = static_cast<model::Nanos>(s.long_poll_ns);
    return c;
}

wire::ClientOptions client_options(const config::Settings& s) {
    wire::ClientOptions o;
    o.max_message_size = s.max_message_size;
    o.tls_ca = s.tls_ca;
    o.tls_cert = s.tls_cert;
    o.tls_key = s.tls_key;
    o.tls_insecure = s.tls_insecure;
    return o;
}

}  // namespace program
