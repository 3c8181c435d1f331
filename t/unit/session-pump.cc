// Session::pump with a budget: it stops between events once the budget
// has passed, says so (Pumped::more, pending()), and the next pump goes
// on where it stopped; without a budget it applies everything waiting.
// A fleet shares one budget among its members, so a spent budget still
// moves every member on by an event.
#include <deque>
#include <memory>
#include <string>

#include "session/fleet.h"
#include "session/session.h"
#include "t/unit/tap.h"

namespace {

// A source with a queue of notices and nothing else.
class QueueSource : public session::Source {
public:
    explicit QueueSource(int n) {
        for (int i = 0; i < n; i++) queue_.push_back("notice " + std::to_string(i));
    }
    int fd() const override { return -1; }
    std::optional<session::Clock::time_point> deadline() const override { return std::nullopt; }
    void process(bool) override {}
    bool next_event(session::Event& out) override {
        if (queue_.empty()) return false;
        out = session::event::Notice{queue_.front()};
        queue_.pop_front();
        return true;
    }
    const session::SourceStatus& status() const override { return status_; }
    Controls controls() const override { return {}; }
    size_t left() const { return queue_.size(); }

private:
    std::deque<std::string> queue_;
    session::SourceStatus status_;
};

void check_budget() {
    auto owned = std::make_unique<QueueSource>(3);
    QueueSource& src = *owned;
    session::Session s(session::SessionOptions{}, std::move(owned));
    // A budget that has passed once the first event is applied.
    session::Pumped p = s.pump(false, std::chrono::nanoseconds(0));
    tap::check(p.changed && p.more && s.pending(), "a spent budget stops the pump with events waiting");
    tap::check(src.left() == 2 && p.notices.size() == 1 && p.notices[0] == "notice 0",
               "one event applied, the rest left in the source");
    p = s.pump(false, std::chrono::nanoseconds(0));
    tap::check(src.left() == 1 && p.notices.size() == 1 && p.notices[0] == "notice 1",
               "the next pump goes on where it stopped");
    p = s.pump(false, std::chrono::seconds(10));
    tap::check(!p.more && !s.pending() && src.left() == 0 && p.notices.size() == 1,
               "a budget that lasts: the rest, and nothing pending");
    p = s.pump(false, std::chrono::nanoseconds(0));
    tap::check(!p.changed && !p.more && !s.pending(), "nothing waiting: nothing pending");
}

void check_no_budget() {
    auto owned = std::make_unique<QueueSource>(5);
    session::Session s(session::SessionOptions{}, std::move(owned));
    session::Pumped p = s.pump(false);
    tap::check(p.notices.size() == 5 && !p.more && !s.pending(), "without a budget every event is applied");
}

void check_fleet_budget() {
    session::Fleet fleet({}, [](const std::string&) { return nullptr; });
    fleet.add("a", "a", std::make_unique<QueueSource>(3));
    fleet.add("b", "b", std::make_unique<QueueSource>(3));
    session::FleetPumped p = fleet.pump(nullptr, std::chrono::nanoseconds(0));
    tap::check(p.members.size() == 2 && p.members[0].notices.size() == 1 && p.members[1].notices.size() == 1 &&
                   fleet.pending(),
               "a spent budget: each member of a fleet moves on by one event, and the fleet is pending");
    p = fleet.pump(nullptr, std::chrono::seconds(10));
    tap::check(p.members[0].notices.size() == 2 && p.members[1].notices.size() == 2 && !fleet.pending(),
               "a budget that lasts: every member's rest, and nothing pending");
}

}  // namespace

int main() {
    check_budget();
    check_fleet_budget();
    check_no_budget();
    return tap::done();
}
