// The header's account of the source: its state, and the last error, shown
// while the link is down and for 30 s after it is up again, with its age;
// with several targets, each one's status, or their count when too many.
#include <string>
#include <vector>

#include "tui/fleet_status.h"
#include "tui/header_status.h"
#include "t/unit/tap.h"

using session::Clock;
using session::SourceStatus;
using namespace std::chrono_literals;

int main() {
    tap::check_eq(tui::age_text(12s), std::string("12s"), "age in seconds");
    tap::check_eq(tui::age_text(150s), std::string("2m30s"), "age in minutes and seconds");
    tap::check_eq(tui::age_text(3h), std::string("3h00m"), "age in hours and minutes");
    tap::check_eq(tui::age_text(-1s), std::string("0s"), "no negative age");

    Clock::time_point t0 = Clock::now();
    SourceStatus st;
    st.name = "http://127.0.0.1:6669";
    st.link = SourceStatus::Link::Connected;
    st.connected_at = t0;
    tap::check_eq(tui::error_line(st, t0 + 1s), std::string(), "connected, no error: nothing");

    st.link = SourceStatus::Link::BackingOff;
    st.last_error = "cannot decode an update: invalid protobuf";
    st.last_error_at = t0 + 2s;
    st.retry_at = t0 + 4s;
    tap::check_eq(tui::error_line(st, t0 + 3s), std::string("error: cannot decode an update: invalid protobuf"),
                  "down: the error");
    tui::HeaderInfo h = tui::header_info(st, t0 + 3s);
    tap::check_eq(h.state, std::string("RECONNECTING in 1.0s"), "down: the countdown");
    h = tui::header_info(st, t0 + 3500ms);
    tap::check_eq(h.state, std::string("RECONNECTING in 500.0ms"), "the countdown under a second");
    tap::check_eq(h.target, st.name, "the target");

    st.link = SourceStatus::Link::Connected;
    st.connected_at = t0 + 4s;
    tap::check_eq(tui::error_line(st, t0 + 14s),
                  std::string("last error 12s ago: cannot decode an update: invalid protobuf"),
                  "up again for 10 s: the last error with its age");
    tap::check_eq(tui::error_line(st, t0 + 33s),
                  std::string("last error 31s ago: cannot decode an update: invalid protobuf"),
                  "up for 29 s: still there");
    tap::check_eq(tui::error_line(st, t0 + 34s), std::string(), "up for 30 s: gone");
    tap::check_eq(tui::header_info(st, t0 + 5s).state, std::string("CONNECTED"), "connected");

    auto row = [](std::string name, bool up, std::string state, std::string error = "") {
        tui::TargetRow r;
        r.name = std::move(name);
        r.connected = up;
        r.state = std::move(state);
        r.error = std::move(error);
        return r;
    };
    std::vector<tui::TargetRow> rows = {row("api", false, "RECONNECTING in 3s", "connection refused"),
                                        row("web", true, "CONNECTED"), row("db", true, "PAUSED"),
                                        row("jobs", true, "CONNECTED")};
    tap::check_eq(tui::fleet_line(rows, 200, false),
                  std::string("3 of 4 connected; api: reconnecting in 3s (connection refused); db: paused; "
                              "web, jobs: connected"),
                  "several targets: each one's status, those that need a look first");
    tap::check_eq(tui::fleet_line(rows, 40, false), std::string("3 of 4 connected; api: connection refused"),
                  "too narrow: the count and the first that is down");
    rows[0] = row("api", true, "CONNECTED");
    rows[2] = row("db", true, "CONNECTED");
    tap::check_eq(tui::fleet_line(rows, 200, false), std::string("4 of 4 connected; api, web, db, jobs: connected"),
                  "every one connected: their names");
    tap::check_eq(tui::fleet_line(rows, 20, false), std::string("4 of 4 connected"), "too narrow: the count");
    return tap::done();
}
