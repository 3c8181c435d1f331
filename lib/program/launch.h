// What bin/ needs to connect a source to a front end: the session's
// options, the live source of a target, the recording of a replay and the
// recorder of --record, each made from the settings.  Each maker returns
// nullptr with a one-line `error` (the message the user sees) when it
// cannot.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/settings.h"
#include "config/targets.h"
#include "session/fleet.h"
#include "session/recorder.h"
#include "session/recording_source.h"
#include "session/session.h"

namespace program {

// The model's lints and retention, as the settings ask.
session::SessionOptions session_options(const config::Settings& s);
// A live connection to settings.target; nullptr when the target does not
// parse (a usage error).
std::unique_ptr<session::Source> live_source(const config::Settings& s, std::string& error);
// Live sources over addresses, with the connection's options: what a
// fleet of targets makes its members' sources with.
session::Fleet::MakeSource live_sources(const config::Settings& s);
// The targets as a fleet takes them.
std::vector<std::pair<std::string, std::string>> name_address_pairs(const std::vector<config::NamedTarget>& targets);
// The targets of `s` read again, as the console and the exporter do on
// SIGHUP: config::targets_of, as (name, address) pairs; false with the
// reason (the caller keeps the old list).  Null when `s` names no
// targets file: there is nothing to read again.  `s` must outlive it.
using TargetsReader = std::function<bool(std::vector<std::pair<std::string, std::string>>&, std::string&)>;
TargetsReader targets_reader(const config::Settings& s);
// The recording at `path`, positioned at settings.start_ns (replay);
// nullptr when it cannot be read.  session::add_recording() makes a
// fleet's members of it.
std::unique_ptr<session::RecordingSource> recording(const config::Settings& s, const std::string& path,
                                                    std::string& error);
// Starts recording to settings.record; nullptr without --record (and
// `error` empty), or with `error` when the file cannot be made.
std::unique_ptr<session::Recorder> recorder(const config::Settings& s, std::string& error);
// The same for several targets, named `apps` at the start, into one file:
// each member's session records through the recorder's for_app().
std::unique_ptr<session::Recorder> fleet_recorder(const config::Settings& s, const std::vector<std::string>& apps,
                                                  std::string& error);

}  // namespace program
