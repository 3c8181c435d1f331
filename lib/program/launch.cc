#include "program/launch.h"

#include <optional>

#include "program/options.h"
#include "session/live_source.h"
#include "util/log.h"

namespace program {

namespace {

std::optional<model::Nanos> retain_for(const config::Settings& s) {
    return s.retain_for_ns ? std::optional<model::Nanos>(*s.retain_for_ns) : std::nullopt;
}

}  // namespace

session::SessionOptions session_options(const config::Settings& s) {
    session::SessionOptions o;
    o.lints = lint_config(s);
    o.retain_for = retain_for(s);
    return o;
}

std::unique_ptr<session::Source> live_source(const config::Settings& s, std::string& error) {
    wire::Target target;
    if (!wire::parse_target(s.target, target, error)) return nullptr;
    return std::make_unique<session::LiveSource>(target, client_options(s));
}

std::unique_ptr<session::RecordingSource> recording(const config::Settings& s, const std::string& path,
                                                    std::string& error) {
    auto source = session::RecordingSource::open(path, error);
    if (source && s.start_ns) source->seek(s.start_ns);
    return source;
}

std::unique_ptr<session::Recorder> recorder(const config::Settings& s, std::string& error) {
    error.clear();
    if (s.record.empty()) return nullptr;
    wire::Target target;
    if (!wire::parse_target(s.target, target, error)) return nullptr;
    session::RecorderOptions ro;
    ro.retain_for = retain_for(s);
    auto r = session::Recorder::start(s.record, target.text, session::mono_ns(), error, ro);
    if (r) util::log_info("recording to '%s'", s.record.c_str());
    return r;
}

std::unique_ptr<session::Recorder> fleet_recorder(const config::Settings& s, const std::vector<std::string>& apps,
                                                  std::string& error) {
    error.clear();
    if (s.record.empty()) return nullptr;
    session::RecorderOptions ro;
    ro.retain_for = retain_for(s);
    auto r = session::Recorder::start_apps(s.record, apps, session::mono_ns(), error, ro);
    if (r) util::log_info("recording %zu targets to '%s'", apps.size(), s.record.c_str());
    return r;
}

session::Fleet::MakeSource live_sources(const config::Settings& s) {
    wire::ClientOptions client = client_options(s);
    return [client](const std::string& address) -> std::unique_ptr<session::Source> {
        wire::Target target;
        std::string why;
        if (!wire::parse_target(address, target, why)) return nullptr;
        return std::make_unique<session::LiveSource>(target, client);
    };
}

std::vector<std::pair<std::string, std::string>> name_address_pairs(const std::vector<config::NamedTarget>& targets) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& t : targets) out.emplace_back(t.name, t.address);
    return out;
}

TargetsReader targets_reader(const config::Settings& s) {
    if (s.targets_file.empty()) return nullptr;
    return [&s](std::vector<std::pair<std::string, std::string>>& out, std::string& why) {
        std::vector<config::NamedTarget> now;
        if (!config::targets_of(s, now, why)) return false;
        out = name_address_pairs(now);
        return true;
    };
}

}  // namespace program
