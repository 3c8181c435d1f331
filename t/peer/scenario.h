// Scenario files for the test peer: statements parsed into timed actions
// on the World.  The format is described in t/scenarios/README.  Parsing
// and the timeline are in scenario.cc, the declarations of tasks,
// resources and async ops in scenario_decl.cc, the other statements in
// scenario_verbs.cc.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <queue>
#include <string>
#include <vector>

#include "script.h"

namespace peer::scenario {

constexpr int64_t ms = 1'000'000;

using Args = std::vector<std::string>;
using Action = std::function<void(World&, int64_t)>;

struct Options {
    std::map<std::string, std::string> kv;
    std::vector<std::string> flags;
};

struct History {
    uint64_t polls = 1;
    int64_t age = 2000 * ms;
    int64_t busy = -1, sched = -1;
    std::string state = "idle";
    uint64_t self_wakes = 0;
    int64_t clones = -1, drops = -1;
};

class Scenario : public Script {
public:
    bool parse(const std::string& text, std::string& error);
    void start(World& world, int64_t now) override;
    int64_t run(World& world, int64_t now) override;
    int64_t interval_ns() const override { return interval_; }

private:
    struct Stmt {
        int64_t at = 0, every = 0;
        Action action;
    };
    struct Due {
        int64_t when;
        uint64_t order;
        Action action;
        int64_t every;
        bool operator>(const Due& o) const { return when != o.when ? when > o.when : order > o.order; }
    };

    bool statement(const std::string& line, std::string& error);
    bool compile(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool options(const Args& args, size_t from, Options& out, std::string& error);
    bool label_ref(const std::string& label, char kind, std::string& error);
    bool parent_labels(const std::string& text, std::vector<std::string>& out, std::string& error);
    // One per statement, all alike: (verb, args, out, error).
    bool task_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool resource_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool async_op_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool poll_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool poll_edge_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool wake_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool waker_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool churn_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool drop_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool attr_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool pollop_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool pause_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool dropped_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    bool meta_stmt(const std::string& verb, const Args& args, Action& out, std::string& error);
    void schedule(int64_t when, Action action, int64_t every);
    uint64_t id(const std::string& label) const {
        auto it = ids_.find(label);
        return it == ids_.end() ? 0 : it->second;
    }

    int64_t interval_ = 0;
    std::vector<Stmt> stmts_;
    std::map<std::string, char> declared_;
    std::map<std::string, uint64_t> ids_;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> queue_;
    uint64_t order_ = 0;
    uint64_t churned_ = 0;  // unique values handed out by churn
};

bool parse_location(const std::string& text, Location& loc);
bool field_of(const std::string& name, const std::string& value, FieldDef& out, std::string& error);
// Builds a task's past: polls spread over its age, wakes between them,
// then the final state.
void make_history(World& w, uint64_t task, int64_t now, const History& h);

}  // namespace peer::scenario
