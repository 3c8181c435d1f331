// session::Fleet: members join and leave by (name, address), keep their
// slots (what merged rows and the console's actions name them by) while
// they live, hand a freed slot to the next that joins; its generation only
// grows; each member's source is shut down once; the members share one
// thread to free updates.  A pump looks only at the members with work:
// readable, their deadline come, or no fd to tell.
#include <dirent.h>
#include <poll.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "session/fleet.h"
#include "t/unit/tap.h"

namespace {

// A source with no fd and no events that counts its shutdowns.
class QuietSource : public session::Source {
public:
    QuietSource(std::string name, int* shutdowns) : shutdowns_(shutdowns) { status_.name = std::move(name); }
    int fd() const override { return -1; }
    std::optional<session::Clock::time_point> deadline() const override { return std::nullopt; }
    void process(bool) override {}
    bool next_event(session::Event&) override { return false; }
    const session::SourceStatus& status() const override { return status_; }
    Controls controls() const override { return {}; }
    void shutdown() override { ++*shutdowns_; }

private:
    session::SourceStatus status_;
    int* shutdowns_;
};

// A source on a pipe that is never written, with a deadline the test
// sets, that counts the times it is processed.
class CountingSource : public session::Source {
public:
    CountingSource(int fd, int* processed) : fd_(fd), processed_(processed) {}
    int fd() const override { return fd_; }
    std::optional<session::Clock::time_point> deadline() const override { return deadline_; }
    void process(bool) override { ++*processed_; }
    bool next_event(session::Event&) override { return false; }
    const session::SourceStatus& status() const override { return status_; }
    Controls controls() const override { return {}; }
    void shutdown() override {}

    std::optional<session::Clock::time_point> deadline_;

private:
    int fd_;
    int* processed_;
    session::SourceStatus status_;
};

void pumps_members_with_work() {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        tap::check(false, "a pipe");
        return;
    }
    int processed[4] = {};
    session::Fleet fleet({}, nullptr);
    std::vector<CountingSource*> src;
    for (int i = 0; i < 4; i++) {
        auto s = std::make_unique<CountingSource>(i == 3 ? -1 : pipe_fds[0], &processed[i]);
        src.push_back(s.get());
        fleet.add("m" + std::to_string(i), "a" + std::to_string(i), std::move(s));
    }
    std::vector<pollfd> fds;
    fleet.add_pollfds(fds);
    fleet.pump(fds.data());
    tap::check(processed[0] == 0 && processed[1] == 0 && processed[2] == 0 && processed[3] == 1,
               "nothing readable, no deadline: only the member without an fd is pumped");
    fds[1].revents = POLLIN;
    src[2]->deadline_ = session::Clock::now() - std::chrono::milliseconds(1);
    fleet.pump(fds.data());
    tap::check(processed[0] == 0 && processed[1] == 1 && processed[2] == 1,
               "a readable member and one whose deadline has come are pumped, the other is not");
    src[0]->deadline_ = session::Clock::now() + std::chrono::hours(1);
    fleet.pump(nullptr);
    tap::check(processed[0] == 0 && processed[1] == 1 && processed[2] == 2, "a deadline to come is not work yet");
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

// The threads of this process now.
int threads() {
    int n = 0;
    if (DIR* d = opendir("/proc/self/task")) {
        while (dirent* e = readdir(d)) n += e->d_name[0] != '.';
        closedir(d);
    }
    return n;
}

// Slots stay dense and distinct for a fleet of thousands (each new member
// took a pass over all the others for each slot it tried: seconds at
// 5,000 targets before the first screen).  The members' sessions start
// no thread each: a thread per target beside its connection's was 2,001
// threads at 1,000 targets.
void many_members() {
    int threads_before = threads();
    int shutdowns = 0;
    session::Fleet fleet({}, [&](const std::string& address) -> std::unique_ptr<session::Source> {
        return std::make_unique<QuietSource>(address, &shutdowns);
    });
    std::vector<std::pair<std::string, std::string>> targets;
    for (int i = 0; i < 3000; i++) targets.push_back({"t" + std::to_string(i), "http://h:" + std::to_string(i)});
    fleet.set_targets(targets);
    std::vector<bool> seen(3000, false);
    bool dense = fleet.size() == 3000;
    for (size_t i = 0; dense && i < fleet.size(); i++) {
        uint32_t s = fleet[i].slot;
        dense = s < seen.size() && !seen[s];
        if (dense) seen[s] = true;
    }
    tap::check(dense, "3,000 members hold the slots 0 to 2,999, each once");
    tap::check_eq(threads() - threads_before, 1, "3,000 members: one thread more in all");
    targets.erase(targets.begin() + 100);
    fleet.set_targets(targets);
    targets.push_back({"late", "http://late:1"});
    fleet.set_targets(targets);
    tap::check_eq(fleet.by_name("late")->slot, 100u, "one that joins later takes the slot freed");
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "; ") + x;
    return s;
}

}  // namespace

int main() {
    int shutdowns = 0;
    session::Fleet fleet({}, [&](const std::string& address) -> std::unique_ptr<session::Source> {
        if (address == "bad") return nullptr;
        return std::make_unique<QuietSource>(address, &shutdowns);
    });
    std::string said = joined(fleet.set_targets({{"a", "http://a:1"}, {"b", "http://b:1"}, {"c", "http://c:1"}}));
    tap::check_eq(said, std::string("'a' joins; 'b' joins; 'c' joins"), "three join");
    tap::check(fleet.size() == 3 && fleet[0].slot == 0 && fleet[1].slot == 1 && fleet[2].slot == 2, "slots in order");
    uint64_t g0 = fleet.generation();

    said = joined(fleet.set_targets({{"a", "http://a:1"}, {"c", "http://c:1"}}));
    tap::check_eq(said, std::string("'b' leaves"), "one leaves");
    tap::check(fleet.size() == 2 && fleet.by_name("c")->slot == 2 && !fleet.by_slot(1), "the others keep their slots");
    tap::check_eq(shutdowns, 1, "the one that left is shut down");
    tap::check(fleet.generation() > g0, "the generation grows when one leaves");

    said = joined(fleet.set_targets({{"a", "http://a:1"}, {"c", "http://c:1"}, {"d", "http://d:1"}}));
    tap::check_eq(said, std::string("'d' joins"), "one joins");
    tap::check_eq(fleet.by_name("d")->slot, 1u, "it takes the freed slot");

    said = joined(fleet.set_targets({{"a", "http://a:2"}, {"c", "http://c:1"}, {"d", "http://d:1"}}));
    tap::check_eq(said, std::string("'a' joins; 'a' leaves"), "a new address is a new member");
    tap::check(fleet.by_name("a")->slot != 2 && fleet.by_name("a")->slot != 1, "a slot that is not taken");

    said = joined(fleet.set_targets({{"a", "http://a:2"}, {"c", "http://c:1"}, {"d", "http://d:1"}}));
    tap::check(said.empty(), "the same list: no change");
    uint64_t g1 = fleet.generation();
    session::FleetPumped p = fleet.pump(nullptr);
    tap::check(p.members.size() == 3 && !p.changed && fleet.generation() == g1, "a quiet pump changes nothing");

    fleet.set_targets({{"x", "bad"}});
    tap::check(fleet.empty(), "a target whose source cannot be made does not join");
    int before = shutdowns;
    fleet.add("r", "file", std::make_unique<QuietSource>("file", &shutdowns));
    fleet.shutdown();
    fleet.shutdown();
    tap::check_eq(shutdowns, before + 1, "shutdown() shuts each source down once");
    pumps_members_with_work();
    many_members();
    return tap::done();
}
