// Session::pump with a budget: it stops between events once the budget
// has passed, says so (Pumped::more, pending()), and the next pump goes
// on where it stopped; without a budget it applies everything waiting.
// A fleet shares one budget among its members, so a spent budget still
// moves every member on by an event.  An update's rows settle in steps
// between events, each step within the budget.
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "session/fleet.h"
#include "session/session.h"
#include "t/unit/tap.h"
#include "wire/update_split.h"

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

// The parts of one update: stats of tasks 1..n, each polled `polls` times.
class UpdateSource : public QueueSource {
public:
    UpdateSource(uint64_t n, uint64_t polls) : QueueSource(0) {
        rs::tokio::console::instrument::Update u;
        auto& stats = *u.mutable_task_update()->mutable_stats_update();
        for (uint64_t id = 1; id <= n; id++) stats[id].mutable_poll_stats()->set_polls(polls);
        auto split = wire::UpdateSplit::start(u.SerializeAsString());
        for (wire::event::UpdatePart p; split && split->next(p);) parts_.push_back(std::move(p));
    }
    size_t parts() const { return parts_.size(); }
    bool next_event(session::Event& out) override {
        if (parts_.empty()) return false;
        wire::event::UpdatePart& p = parts_.front();
        std::string_view bytes = p.bytes ? std::string_view(*p.bytes) : std::string_view();
        out = session::event::UpdatePart{std::move(p.bytes), bytes, std::move(p.piece), p.first, p.last};
        parts_.pop_front();
        return true;
    }

private:
    std::deque<wire::event::UpdatePart> parts_;
};

// A server that says its state again and again: only a new one changes
// anything (a frame is drawn for it).
class StateSource : public QueueSource {
public:
    explicit StateSource(std::vector<bool> paused) : QueueSource(0), paused_(paused.begin(), paused.end()) {}
    bool next_event(session::Event& out) override {
        if (paused_.empty()) return false;
        out = session::event::State{paused_.front()};
        paused_.pop_front();
        return true;
    }

private:
    std::deque<bool> paused_;
};

void check_repeated_state() {
    session::Session s(session::SessionOptions{}, std::make_unique<StateSource>(std::vector<bool>{false, false}));
    tap::check(!s.pump(false).changed, "the state it had, said twice: no change");
    session::Session s2(session::SessionOptions{}, std::make_unique<StateSource>(std::vector<bool>{true}));
    tap::check(s2.pump(false).changed && s2.model().paused(), "a new state: a change");
}

// 100 k tasks settle in four steps of 32,768 rows; a spent budget takes
// one event or one step a pump.
void check_settling() {
    auto owned = std::make_unique<UpdateSource>(100000, 7);
    const size_t parts = owned->parts();
    session::Session s(session::SessionOptions{}, std::move(owned));
    size_t pumps = 0, whole = 0;
    bool settled_apart = false;
    while (pumps < 1000) {
        session::Pumped p = s.pump(false, std::chrono::nanoseconds(0));
        pumps++;
        whole += static_cast<size_t>(p.whole_updates);
        settled_apart |= s.model().settling() && s.pending() && s.updates() == 0;
        if (!p.changed) break;
    }
    tap::check(settled_apart, "after the last part, the rows settle over later pumps, pending and not yet whole");
    tap::check_eq(pumps, parts + 4 + 1, "one pump a part, one a step of settling, one with nothing left");
    tap::check(whole == 1 && s.updates() == 1 && !s.model().updating(), "then the update is whole, counted once");
    const model::TaskTable& t = s.model().tasks();
    size_t keyed = 0;
    for (size_t r = 0; r < t.size(); r++) keyed += t.keys().polls[r] == 7;
    tap::check_eq(keyed, size_t{100000}, "every row's sort keys are the update's");

    auto again = std::make_unique<UpdateSource>(100000, 9);
    session::Session s2(session::SessionOptions{}, std::move(again));
    session::Pumped p = s2.pump(false);
    tap::check(p.whole_updates == 1 && !s2.model().updating() && !s2.pending(),
               "without a budget: applied and settled in one pump");
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
    check_settling();
    check_repeated_state();
    return tap::done();
}
