// console-subscriber's own recordings: the two real ones in shared/
// rebuild the tasks the programs ran (names, counts, polls, wakes, states
// at the end), and damaged JSON is skipped and counted, never a crash.
#include <cstdio>
#include <map>
#include <sstream>
#include <string>

#include "model/model.h"
#include "record/jsonl.h"
#include "t/unit/fixtures.h"
#include "t/unit/tap.h"

namespace {

// The decompressed text of an xz fixture, read through the xz tool.
std::string unxz(const std::string& path) {
    std::string out;
    FILE* p = popen(("xz -dc '" + path + "'").c_str(), "r");
    if (!p) return out;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

// Counts the lines of `text` that hold `what`: the oracle the rebuilt
// numbers are checked against, independent of the JSON reader.
size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

struct Loaded {
    record::JsonlReader reader;
    model::Model model{model::LintConfig{}, std::nullopt};
    bool ok = false;
    std::string err;
};

void load(Loaded& l, const std::string& text, const std::string& name) {
    std::istringstream in(text);
    l.ok = l.reader.read(in, name, l.err);
    for (const auto& u : l.reader.updates()) l.model.apply(u.update, static_cast<model::Nanos>(u.at_ns));
}

std::map<std::string, const model::Task*> by_name(const model::Model& m) {
    std::map<std::string, const model::Task*> out;
    for (size_t i = 0; i < m.tasks().size(); ++i)
        out[std::string(m.strings().get(m.tasks().row(i).name))] = &m.tasks().row(i);
    return out;
}

std::string id_key(uint64_t id) {
    return "{\"id\":" + std::to_string(id) + ",";
}

void app(const std::string& text) {
    Loaded l;
    load(l, text, "app.record.jsonl");
    tap::check(l.ok && l.reader.skipped() == 0, "app (0.1.10): reads without skipping: " + l.err);
    tap::check_eq(l.reader.events(), uint64_t(61), "app: every event of its 62 lines");
    auto tasks = by_name(l.model);
    tap::check_eq(l.model.tasks().size(), count(text, "\"Spawn\""), "app: one task per Spawn");
    tap::check(tasks.count("task1") && tasks.count("task2") && tasks.count("wait"),
               "app: tasks task1, task2 and wait, by name");
    for (const char* name : {"task1", "task2", "wait"}) {
        const model::Task* t = tasks[name];
        if (!t) continue;
        std::string key = id_key(t->span_id);
        tap::check_eq(t->stats.polls, count(text, "\"Enter\":" + key), std::string("app: ") + name + " polls");
        tap::check_eq(t->stats.wakes, count(text, "\"Waker\":" + key + "\"op\":{\"Wake"),
                      std::string("app: ") + name + " wakes");
    }
    tap::check(tasks["task1"] && tasks["task1"]->has_task_id && tasks["task1"]->id == 7,
               "app: task1 keeps tokio's task.id 7");
}

void load_program(const std::string& text) {
    Loaded l;
    load(l, text, "load.record.jsonl");
    tap::check(l.ok && l.reader.skipped() == 0, "load (0.5.0): reads without skipping: " + l.err);
    tap::check_eq(l.reader.events(), uint64_t(18326), "load: every event of its 18,327 lines");
    tap::check(l.reader.updates().size() >= 12, "load: an update a second for 12 s");
    auto tasks = by_name(l.model);
    int workers = 0;
    for (int i = 0; i < 7; ++i) workers += tasks.count("worker-" + std::to_string(i)) > 0;
    tap::check_eq(workers, 7, "load: the workers worker-0 to worker-6");
    tap::check_eq(l.model.tasks().size(), count(text, "\"Spawn\""), "load: one task per Spawn (50)");
    tap::check(tasks.count("producer") && tasks.count("consumer"), "load: producer and consumer");
    size_t polls_ok = 0, wakes_ok = 0, named = 0;
    for (const auto& [name, t] : tasks) {
        if (name.empty()) continue;
        ++named;
        std::string key = id_key(t->span_id);
        polls_ok += t->stats.polls == count(text, "\"Enter\":" + key);
        wakes_ok += t->stats.wakes == count(text, "\"Waker\":" + key + "\"op\":{\"Wake");
    }
    tap::check(named > 20 && polls_ok == named, "load: every named task's polls match its Enter lines");
    tap::check(wakes_ok == named, "load: every named task's wakes match its Wake lines");
    auto states = l.model.tasks().count_by_state();
    tap::check(states[3] > 0 && states[0] + states[1] + states[2] > 0,
               "load: some tasks done, some still live when the program was killed");
    auto lints = l.model.tasks().count_by_lint();
    // console-subscriber 0.5.0 recorded every wake with self_wake false,
    // so the self-waking task shows its wakes but no self wakes.
    const model::Task* sw = tasks["self-waker"];
    tap::check(sw && sw->stats.wakes == 131 && sw->stats.polls == 132 && sw->stats.self_wakes == 0,
               "load: self-waker: 132 polls, 131 wakes, none recorded as self wakes");
    tap::check_eq(lints[static_cast<int>(model::Lint::SelfWakes)], uint64_t(0), "load: so no self-wakes lint");
    tap::check(lints[static_cast<int>(model::Lint::LostWaker)] > 0, "load: the lost waker is linted");
    tap::diag("load: " + std::to_string(l.model.tasks().size()) + " tasks, states running/scheduled/idle/done " +
              std::to_string(states[0]) + "/" + std::to_string(states[1]) + "/" + std::to_string(states[2]) + "/" +
              std::to_string(states[3]));
}

void damaged() {
    std::string good = "{\"v\":1}\n"
                       "{\"Spawn\":{\"id\":5,\"at\":{\"secs_since_epoch\":100,\"nanos_since_epoch\":0},"
                       "\"fields\":[{\"name\":\"task.name\",\"value\":\"ok\"}]}}\n";
    std::string enter = "{\"Enter\":{\"id\":5,\"at\":{\"secs_since_epoch\":101,\"nanos_since_epoch\":0}}}\n";
    struct Case {
        const char* what;
        std::string line;
        const char* why;
    } cases[] = {
        {"a cut line", enter.substr(0, 30) + "\n", "not JSON"},
        {"a wrong type", "{\"Enter\":{\"id\":\"5\",\"at\":{\"secs_since_epoch\":1,\"nanos_since_epoch\":0}}}\n",
         "has no numeric 'id'"},
        {"a bad time", "{\"Exit\":{\"id\":5,\"at\":{\"secs_since_epoch\":-1,\"nanos_since_epoch\":0}}}\n",
         "'at' is not"},
        {"an unknown event", "{\"Resource\":{\"id\":5}}\n", "unknown event 'Resource'"},
        {"a bad waker op",
         "{\"Waker\":{\"id\":5,\"op\":\"Poke\",\"at\":{\"secs_since_epoch\":1,\"nanos_since_epoch\":0}}}\n",
         "not a waker operation"},
        {"bad fields",
         "{\"Spawn\":{\"id\":6,\"at\":{\"secs_since_epoch\":1,\"nanos_since_epoch\":0},\"fields\":[3]}}\n",
         "a field is not"},
        {"a deep nesting", std::string(100000, '[') + "\n", "not"},
    };
    for (const auto& c : cases) {
        Loaded l;
        load(l, good + c.line + enter, "bad.jsonl");
        std::string s = l.reader.skip_summary();
        tap::check(l.ok && l.reader.skipped() == 1 && s.find("line 3: ") != std::string::npos &&
                       s.find(c.why) != std::string::npos,
                   std::string(c.what) + " is skipped and counted: " + s);
        auto t = by_name(l.model);
        tap::check(t.count("ok") && t["ok"]->stats.polls == 1,
                   std::string("the lines around ") + c.what + " still count");
    }
    Loaded l;
    load(l, "{\"Spawn\":{}}\n", "x.jsonl");
    tap::check(!l.ok && l.err.find("no {\"v\":1} header") != std::string::npos,
               "a file without the header is refused: " + l.err);
    Loaded v;
    load(v, "{\"v\":2}\n", "x.jsonl");
    tap::check(!v.ok && v.err.find("version 2") != std::string::npos, "another version is named: " + v.err);
    Loaded far;
    load(far, good + "{\"Enter\":{\"id\":5,\"at\":{\"secs_since_epoch\":9000000000,\"nanos_since_epoch\":0}}}\n",
         "far.jsonl");
    tap::check(far.ok && far.reader.updates().size() <= 3, "a time far in the future makes no flood of updates");
}

}  // namespace

int main() {
    damaged();
    if (fixture::have_fixtures("record")) {
        std::string dir = (fixture::shared_dir() / "fixtures/record").string();
        std::string a = unxz(dir + "/app.record.jsonl.xz"), b = unxz(dir + "/load.record.jsonl.xz");
        if (tap::check(!a.empty() && !b.empty(), "the xz fixtures decompress (xz-utils)")) {
            app(a);
            load_program(b);
        }
    }
    return tap::done();
}
