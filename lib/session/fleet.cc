#include "session/fleet.h"

#include <algorithm>

namespace session {

Fleet::Fleet(const SessionOptions& o, MakeSource make_source, MakeSession make_session)
    : options_(o), make_source_(std::move(make_source)), make_session_(std::move(make_session)) {
    // One thread frees the updates of all members, not one each.
    if (!options_.disposer) options_.disposer = std::make_shared<UpdateDisposer>();
}

Fleet::~Fleet() {
    shutdown();
}

namespace {

using Members = std::vector<std::unique_ptr<Member>>;

// The lowest slot that no member of `a` or `b` holds (gaps are members
// moved out).
uint32_t free_slot(const Members& a, const Members& b) {
    // n members leave one of the slots 0..n free: one pass marks them.
    std::vector<bool> taken(a.size() + b.size() + 1, false);
    for (const Members* v : {&a, &b})
        for (const auto& m : *v)
            if (m && m->slot < taken.size()) taken[m->slot] = true;
    return static_cast<uint32_t>(std::find(taken.begin(), taken.end(), false) - taken.begin());
}

}  // namespace

std::unique_ptr<Member> Fleet::make_member(const std::string& name, const std::string& address,
                                           std::unique_ptr<Source> source) {
    auto m = std::make_unique<Member>();
    m->name = name;
    m->address = address;
    m->session = make_session_ ? make_session_(options_, name, address, std::move(source))
                               : std::make_unique<Session>(options_, std::move(source));
    return m;
}

void Fleet::add(const std::string& name, const std::string& address, std::unique_ptr<Source> source) {
    auto m = make_member(name, address, std::move(source));
    m->slot = free_slot(members_, {});
    members_.push_back(std::move(m));
    membership_++;
}

std::vector<std::string> Fleet::set_targets(const std::vector<std::pair<std::string, std::string>>& targets) {
    std::vector<std::string> said;
    std::vector<std::unique_ptr<Member>> next;
    for (const auto& target : targets) {
        // Named, not bound: a lambda may not capture a structured binding
        // in clang before 16.
        const std::string& name = target.first;
        const std::string& address = target.second;
        auto same = [&](const std::unique_ptr<Member>& m) { return m && m->name == name && m->address == address; };
        auto it = std::find_if(members_.begin(), members_.end(), same);
        if (it != members_.end()) {
            next.push_back(std::move(*it));
            continue;
        }
        std::unique_ptr<Source> source = make_source_ ? make_source_(address) : nullptr;
        if (!source) continue;
        std::unique_ptr<Member> m = make_member(name, address, std::move(source));
        m->slot = free_slot(members_, next);
        next.push_back(std::move(m));
        membership_++;
        said.push_back("'" + name + "' joins");
    }
    for (auto& m : members_)
        if (m) {
            said.push_back("'" + m->name + "' leaves");
            m->session->leave();
            // What it added to generation() stays, so the sum only grows.
            membership_ += m->session->generation() + 1;
        }
    members_ = std::move(next);
    return said;
}

Member* Fleet::by_slot(uint32_t slot) {
    for (auto& m : members_)
        if (m->slot == slot) return m.get();
    return nullptr;
}

const Member* Fleet::by_slot(uint32_t slot) const {
    return const_cast<Fleet*>(this)->by_slot(slot);
}

Member* Fleet::by_name(const std::string& name) {
    for (auto& m : members_)
        if (m->name == name) return m.get();
    return nullptr;
}

void Fleet::add_pollfds(std::vector<pollfd>& fds) const {
    for (const auto& m : members_) fds.push_back(pollfd{m->session->fd(), POLLIN, 0});
}

std::optional<Clock::time_point> Fleet::deadline() const {
    std::optional<Clock::time_point> out;
    for (const auto& m : members_)
        if (auto d = m->session->deadline()) out = out ? std::min(*out, *d) : *d;
    return out;
}

// Whether a member that is not readable has work all the same: its
// deadline has come, its last pump stopped at its budget, or it has no fd
// to say so (a recording).  The others are left alone: pumping every
// member at every wake-up made the loop's work grow with the square of
// the targets (5,000 unreachable ones kept a core busy and the screen
// blank).
bool Fleet::due(const Session& s, Clock::time_point now) {
    if (s.pending() || s.fd() < 0) return true;
    std::optional<Clock::time_point> d = s.deadline();
    return d && *d <= now;
}

FleetPumped Fleet::pump(const pollfd* fds, std::optional<Clock::duration> budget) {
    FleetPumped out;
    out.members.resize(members_.size());
    const Clock::time_point until = budget ? Clock::now() + *budget : Clock::time_point::max();
    const size_t n = members_.size();
    if (first_ >= n) first_ = 0;
    const Clock::time_point now = Clock::now();
    for (size_t k = 0; k < n; k++) {
        size_t i = (first_ + k) % n;
        Member& m = *members_[i];
        const bool readable = fds && fds[i].fd >= 0 && fds[i].revents;
        if (!readable && !due(*m.session, now)) continue;
        std::optional<Clock::duration> left;
        if (budget) left = std::max(Clock::duration::zero(), until - Clock::now());
        Pumped& p = out.members[i];
        p = m.session->pump(readable, left);
        // A reset comes before the updates of its stream (a new connection's
        // first, or a replay's seek and what it plays at once).
        if (p.reset) m.last_update.reset();
        if (p.whole_updates) m.last_update = Clock::now();
        out.changed |= p.changed;
    }
    if (n) first_ = (first_ + 1) % n;
    return out;
}

bool Fleet::pending() const {
    for (const auto& m : members_)
        if (m->session->pending()) return true;
    return false;
}

void Fleet::tick() {
    Clock::time_point now = Clock::now();
    for (auto& m : members_) {
        m->session->tick();
        uint64_t bytes = m->session->update_bytes();
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - m->tick_at).count();
        if (m->tick_at != Clock::time_point{} && ms > 0) m->bytes_per_sec = (bytes - m->bytes_at_tick) * 1000 / ms;
        m->bytes_at_tick = bytes;
        m->tick_at = now;
    }
}

void Fleet::shutdown() {
    if (shut_down_) return;
    shut_down_ = true;
    for (auto& m : members_) m->session->shutdown();
}

uint64_t Fleet::updates() const {
    uint64_t n = 0;
    for (const auto& m : members_) n += m->session->updates();
    return n;
}

uint64_t Fleet::generation() const {
    uint64_t g = membership_;
    for (const auto& m : members_) g += m->session->generation();
    return g;
}

}  // namespace session
