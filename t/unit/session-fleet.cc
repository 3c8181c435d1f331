// session::Fleet: members join and leave by (name, address), keep their
// slots (what merged rows and the console's actions name them by) while
// they live, hand a freed slot to the next that joins; its generation only
// grows; each member's source is shut down once.
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
    return tap::done();
}
