// Several applications watched at once: one Session per named target, each
// with its own connection, backoff, pause, retention and model, so that a
// target that is down, slow or hostile is its own trouble only.  The loop
// stays one ppoll: it asks the fleet for one pollfd per member
// (add_pollfds) and the earliest deadline, then hands the results back to
// pump(), which pumps in turn every member with work (readable, a deadline
// come, or work left over); no member waits on another.
//
// Members keep their slot, a small number given when they join and not
// reused while they live: what a front end keys its rows on (the target's
// index in merged lists, see view/fleet_rows.h), stable across the targets
// file being read again.  A fleet of one is the one Session of old.
#pragma once

#include <poll.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "session/session.h"

namespace session {

struct Member {
    std::string name;     // unique in the fleet: "api", "10.0.0.5:6669"
    std::string address;  // as the user gave it
    uint32_t slot = 0;    // see above
    std::unique_ptr<Session> session;
    std::optional<Clock::time_point> last_update;  // when the last whole update came
    // The updates' bytes a second, over the last second tick() saw.
    uint64_t bytes_per_sec = 0;
    uint64_t bytes_at_tick = 0;
    Clock::time_point tick_at{};
};

// What a pump of the fleet did, member by member (same order).
struct FleetPumped {
    std::vector<Pumped> members;
    bool changed = false;  // any member's model changed
};

class Fleet {
public:
    // Makes the source of a target from its address; nullptr when it
    // cannot (the address was checked when the list was read).
    using MakeSource = std::function<std::unique_ptr<Source>(const std::string& address)>;
    // Makes the session of a new member (a recorder, say) with the
    // fleet's options (their disposer is the fleet's one); by default a
    // plain Session over `source`.
    using MakeSession = std::function<std::unique_ptr<Session>(const SessionOptions&, const std::string& name,
                                                               const std::string& address, std::unique_ptr<Source>)>;

    Fleet(const SessionOptions& o, MakeSource make_source, MakeSession make_session = nullptr);
    ~Fleet();
    Fleet(const Fleet&) = delete;
    Fleet& operator=(const Fleet&) = delete;

    // A member over an existing source (a recording), at the end.
    void add(const std::string& name, const std::string& address, std::unique_ptr<Source> source);
    // The targets now, as (name, address) pairs in order: members whose
    // name and address stay keep their session; the others leave (their
    // sessions shut down), new ones join.  Returns what changed, one line
    // each ("'api' joins", "'web' leaves").
    std::vector<std::string> set_targets(const std::vector<std::pair<std::string, std::string>>& targets);

    size_t size() const { return members_.size(); }
    bool empty() const { return members_.empty(); }
    Member& operator[](size_t i) { return *members_[i]; }
    const Member& operator[](size_t i) const { return *members_[i]; }
    // The member of `slot`, or nullptr when it left.
    Member* by_slot(uint32_t slot);
    const Member* by_slot(uint32_t slot) const;
    // The member of `name`, or nullptr.
    Member* by_name(const std::string& name);

    // --- the loop ---
    // Appends one pollfd per member, in order (fd -1 when it has none: ppoll skips it).
    void add_pollfds(std::vector<pollfd>& fds) const;
    std::optional<Clock::time_point> deadline() const;
    // `fds` points at the pollfds add_pollfds() appended; nullptr: none
    // readable.  With a budget the members share it, the first one in
    // turn, so a busy target cannot keep the others waiting (Session::pump).
    FleetPumped pump(const pollfd* fds, std::optional<Clock::duration> budget = std::nullopt);
    // A member's last pump stopped at its budget (Session::pending).
    bool pending() const;
    // Once a second: each session's tick(), and the members' rates.
    void tick();
    void shutdown();

    // Whole updates applied, summed over the members.
    uint64_t updates() const;
    // Changes whenever a member's model does, or a member joins or leaves;
    // it only grows.
    uint64_t generation() const;

private:
    static bool due(const Session& s, Clock::time_point now);
    std::unique_ptr<Member> make_member(const std::string& name, const std::string& address,
                                        std::unique_ptr<Source> source);

    SessionOptions options_;
    MakeSource make_source_;
    MakeSession make_session_;
    std::vector<std::unique_ptr<Member>> members_;
    size_t first_ = 0;  // the member pumped first next time
    // Grows when members join or leave; with the members' generations a
    // sum that only grows.
    uint64_t membership_ = 0;
    bool shut_down_ = false;
};

}  // namespace session
