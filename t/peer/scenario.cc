// Scenario files: parsing statements into timed actions on the World.
// The format is described in t/scenarios/README.
#include <functional>
#include <map>
#include <queue>
#include <sstream>

#include "lex.h"
#include "script.h"

namespace peer {

namespace {

constexpr int64_t ms = 1'000'000;

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
        bool operator>(const Due& o) const
        {
            return when != o.when ? when > o.when : order > o.order;
        }
    };

    bool statement(const std::string& line, std::string& error);
    bool compile(const std::string& verb, const std::vector<std::string>& args, Action& out,
                 std::string& error);
    bool options(const std::vector<std::string>& args, size_t from, Options& out,
                 std::string& error);
    bool label_ref(const std::string& label, char kind, std::string& error);
    bool task_decl(const std::vector<std::string>& args, Action& out, std::string& error);
    bool resource_decl(const std::vector<std::string>& args, Action& out, std::string& error);
    bool async_op_decl(const std::vector<std::string>& args, Action& out, std::string& error);
    void schedule(int64_t when, Action action, int64_t every);
    uint64_t id(const std::string& label) const
    {
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

bool parse_location(const std::string& text, Location& loc)
{
    // FILE[:LINE[:COL]], split from the right so the file may hold colons.
    std::vector<std::string> parts;
    std::string rest = text;
    for (int k = 0; k < 2; k++) {
        size_t c = rest.rfind(':');
        uint64_t n;
        if (c == std::string::npos || !parse_count(rest.substr(c + 1), n))
            break;
        parts.insert(parts.begin(), rest.substr(c + 1));
        rest = rest.substr(0, c);
    }
    loc.file = rest;
    uint64_t n = 0;
    if (parts.size() >= 1 && parse_count(parts[0], n))
        loc.line = static_cast<uint32_t>(n);
    if (parts.size() >= 2 && parse_count(parts[1], n))
        loc.column = static_cast<uint32_t>(n);
    return !loc.file.empty();
}

bool field_of(const std::string& name, const std::string& value, FieldDef& out,
              std::string& error)
{
    out.name = name;
    if (!parse_value(value, out.value)) {
        error = "bad value '" + value + "'";
        return false;
    }
    return true;
}

// Builds a task's past: polls spread over its age, wakes between them,
// then the final state.
void make_history(World& w, uint64_t task, int64_t now, const History& h)
{
    int64_t created = now - h.age;
    uint64_t n = h.polls;
    int64_t busy_each = n ? (h.busy >= 0 ? h.busy / int64_t(n) : 100'000 + int64_t(task % 7) * 13'000) : 0;
    int64_t sched_each = h.sched >= 0 && n ? h.sched / int64_t(n) : 20'000;
    bool running = h.state == "running";
    int64_t span = std::max<int64_t>(h.age - 10 * ms, 1);
    uint64_t wakes = 0;
    for (uint64_t k = 0; k < n; k++) {
        int64_t begin = created + span * int64_t(k + 1) / int64_t(n + 1);
        if (running && k + 1 == n)
            begin = created + (n > 1 ? span * int64_t(k) / int64_t(n) + 1 * ms : 1 * ms);
        if (k > 0) {
            w.wake(task, begin - sched_each, wakes < h.self_wakes);
            wakes++;
        }
        w.poll_begin(task, begin);
        if (!(running && k + 1 == n))
            w.poll_end(task, begin + busy_each);
    }
    if (h.state == "scheduled") {
        w.wake(task, now - 1 * ms, wakes < h.self_wakes);
        wakes++;
    }
    uint64_t clones = h.clones >= 0 ? uint64_t(h.clones) : wakes + 1;
    uint64_t drops = h.drops >= 0 ? uint64_t(h.drops) : wakes;
    w.waker_clone(task, clones);
    w.waker_drop(task, drops);
    if (h.state == "done")
        w.complete_task(task, now - 1 * ms);
}

bool Scenario::options(const std::vector<std::string>& args, size_t from, Options& out,
                       std::string& error)
{
    for (size_t i = from; i < args.size(); i++) {
        size_t eq = args[i].find('=');
        if (eq == std::string::npos)
            out.flags.push_back(args[i]);
        else if (eq == 0) {
            error = "bad option '" + args[i] + "'";
            return false;
        } else
            out.kv[args[i].substr(0, eq)] = args[i].substr(eq + 1);
    }
    return true;
}

bool Scenario::label_ref(const std::string& label, char kind, std::string& error)
{
    auto it = declared_.find(label);
    if (it == declared_.end() || (kind && it->second != kind)) {
        const char* what = kind == 't' ? "task" : kind == 'r' ? "resource" : kind == 'a' ? "async op" : "entity";
        error = std::string("unknown ") + what + " '" + label + "'";
        return false;
    }
    return true;
}

bool Scenario::task_decl(const std::vector<std::string>& args, Action& out, std::string& error)
{
    if (args.empty()) {
        error = "task needs a label";
        return false;
    }
    Options o;
    if (!options(args, 1, o, error))
        return false;
    TaskDef def;
    History h;
    def.name = args[0];
    for (const auto& [k, v] : o.kv) {
        uint64_t n = 0;
        bool ok = true;
        if (k == "id")
            ok = parse_count(v, def.id) && def.id;
        else if (k == "name")
            def.name = v;
        else if (k == "target")
            def.target = v;
        else if (k == "loc")
            ok = parse_location(v, def.location);
        else if (k == "kind")
            ok = (def.blocking = v == "blocking") || v == "spawn" || v == "task";
        else if (k == "names")
            ok = (def.name_idx = v == "idx") || v == "str";
        else if (k == "state")
            ok = (h.state = v) == "idle" || v == "running" || v == "scheduled" || v == "done";
        else if (k == "polls")
            ok = parse_count(v, h.polls);
        else if (k == "self-wakes")
            ok = parse_count(v, h.self_wakes);
        else if (k == "clones")
            ok = parse_count(v, n) && ((h.clones = int64_t(n)), true);
        else if (k == "drops")
            ok = parse_count(v, n) && ((h.drops = int64_t(n)), true);
        else if (k == "age")
            ok = parse_duration(v, h.age);
        else if (k == "busy")
            ok = parse_duration(v, h.busy);
        else if (k == "sched")
            ok = parse_duration(v, h.sched);
        else if (k.rfind("field.", 0) == 0 && k.size() > 6) {
            FieldDef f;
            if (!field_of(k.substr(6), v, f, error))
                return false;
            def.fields.push_back(f);
        } else {
            error = "unknown task option '" + k + "'";
            return false;
        }
        if (!ok) {
            error = "bad value for '" + k + "': '" + v + "'";
            return false;
        }
    }
    for (const auto& f : o.flags) {
        if (f == "no-task-id")
            def.tokio_id = false;
        else if (f == "blocking")
            def.blocking = true;
        else if (f == "unnamed")
            def.name.clear();
        else {
            error = "unknown task flag '" + f + "'";
            return false;
        }
    }
    if (h.state == "running" && h.polls == 0)
        h.polls = 1;
    std::string label = args[0];
    declared_[label] = 't';
    out = [this, label, def, h](World& w, int64_t now) {
        uint64_t id = w.spawn_task(def, now - h.age);
        ids_[label] = id;
        make_history(w, id, now, h);
    };
    return true;
}

bool Scenario::resource_decl(const std::vector<std::string>& args, Action& out,
                             std::string& error)
{
    if (args.empty()) {
        error = "resource needs a label";
        return false;
    }
    Options o;
    if (!options(args, 1, o, error))
        return false;
    ResourceDef def;
    def.concrete_type = args[0];
    std::string parent;
    int64_t age = 2000 * ms;
    std::map<std::string, std::string> units;
    for (const auto& [k, v] : o.kv) {
        bool ok = true;
        if (k == "id")
            ok = parse_count(v, def.id) && def.id;
        else if (k == "type")
            def.concrete_type = v;
        else if (k == "kind")
            def.kind = v;
        else if (k == "target")
            def.target = v;
        else if (k == "loc")
            ok = parse_location(v, def.location);
        else if (k == "parent")
            ok = label_ref(parent = v, 'r', error);
        else if (k == "age")
            ok = parse_duration(v, age);
        else if (k.rfind("attr.", 0) == 0 && k.size() > 5) {
            FieldDef f;
            if (!field_of(k.substr(5), v, f, error))
                return false;
            def.attributes.push_back(f);
        } else if (k.rfind("unit.", 0) == 0 && k.size() > 5)
            units[k.substr(5)] = v;
        else {
            error = "unknown resource option '" + k + "'";
            return false;
        }
        if (!ok) {
            if (error.empty())
                error = "bad value for '" + k + "': '" + v + "'";
            return false;
        }
    }
    for (auto& a : def.attributes)
        if (auto it = units.find(a.name); it != units.end())
            a.unit = it->second;
    for (const auto& f : o.flags) {
        if (f == "internal")
            def.internal = true;
        else {
            error = "unknown resource flag '" + f + "'";
            return false;
        }
    }
    std::string label = args[0];
    declared_[label] = 'r';
    out = [this, label, def, parent, age](World& w, int64_t now) {
        ResourceDef d = def;
        d.parent = id(parent);
        ids_[label] = w.create_resource(d, now - age);
    };
    return true;
}

bool Scenario::async_op_decl(const std::vector<std::string>& args, Action& out,
                             std::string& error)
{
    if (args.empty()) {
        error = "asyncop needs a label";
        return false;
    }
    Options o;
    if (!options(args, 1, o, error))
        return false;
    AsyncOpDef def;
    std::string resource, task, parent;
    uint64_t polls = 0;
    int64_t age = 1000 * ms, busy = 50'000;
    for (const auto& [k, v] : o.kv) {
        bool ok = true;
        if (k == "id")
            ok = parse_count(v, def.id) && def.id;
        else if (k == "source")
            def.source = v;
        else if (k == "resource")
            ok = label_ref(resource = v, 'r', error);
        else if (k == "task")
            ok = label_ref(task = v, 't', error);
        else if (k == "parent")
            ok = label_ref(parent = v, 'a', error);
        else if (k == "polls")
            ok = parse_count(v, polls);
        else if (k == "age")
            ok = parse_duration(v, age);
        else if (k == "busy")
            ok = parse_duration(v, busy);
        else if (k.rfind("attr.", 0) == 0 && k.size() > 5) {
            FieldDef f;
            if (!field_of(k.substr(5), v, f, error))
                return false;
            def.attributes.push_back(f);
        } else {
            error = "unknown asyncop option '" + k + "'";
            return false;
        }
        if (!ok) {
            if (error.empty())
                error = "bad value for '" + k + "': '" + v + "'";
            return false;
        }
    }
    if (resource.empty()) {
        error = "asyncop needs resource=LABEL";
        return false;
    }
    if (!o.flags.empty()) {
        error = "unknown asyncop flag '" + o.flags[0] + "'";
        return false;
    }
    std::string label = args[0];
    declared_[label] = 'a';
    out = [=, this](World& w, int64_t now) {
        AsyncOpDef d = def;
        d.resource = id(resource);
        d.task = id(task);
        d.parent = id(parent);
        uint64_t op = w.create_async_op(d, now - age);
        ids_[label] = op;
        for (uint64_t k = 0; k < polls; k++) {
            int64_t begin = now - age + (age - 1 * ms) * int64_t(k + 1) / int64_t(polls + 1);
            w.async_op_poll(op, d.task, begin, begin + busy / int64_t(polls));
        }
    };
    return true;
}

bool Scenario::compile(const std::string& verb, const std::vector<std::string>& args,
                       Action& out, std::string& error)
{
    auto need = [&](size_t lo, size_t hi) {
        if (args.size() >= lo && args.size() <= hi)
            return true;
        error = "wrong number of arguments to '" + verb + "'";
        return false;
    };
    if (verb == "task")
        return task_decl(args, out, error);
    if (verb == "resource")
        return resource_decl(args, out, error);
    if (verb == "asyncop")
        return async_op_decl(args, out, error);
    if (verb == "poll") {
        int64_t busy = 100'000;
        if (!need(1, 2) || !label_ref(args[0], 't', error))
            return false;
        if (args.size() == 2 && !parse_duration(args[1], busy)) {
            error = "bad duration '" + args[1] + "'";
            return false;
        }
        std::string t = args[0];
        out = [this, t, busy](World& w, int64_t now) {
            uint64_t task = id(t);
            w.poll_begin(task, now);
            schedule(now + busy, [task](World& w2, int64_t end) { w2.poll_end(task, end); }, 0);
        };
        return true;
    }
    if (verb == "poll-begin" || verb == "poll-end" || verb == "complete") {
        if (!need(1, 1) || !label_ref(args[0], 't', error))
            return false;
        std::string t = args[0];
        int which = verb == "poll-begin" ? 0 : verb == "poll-end" ? 1 : 2;
        out = [this, t, which](World& w, int64_t now) {
            if (which == 0)
                w.poll_begin(id(t), now);
            else if (which == 1)
                w.poll_end(id(t), now);
            else
                w.complete_task(id(t), now);
        };
        return true;
    }
    if (verb == "wake") {
        if (!need(1, 2) || !label_ref(args[0], 't', error))
            return false;
        if (args.size() == 2 && args[1] != "self") {
            error = "unknown wake flag '" + args[1] + "'";
            return false;
        }
        bool self = args.size() == 2;
        std::string t = args[0];
        out = [this, t, self](World& w, int64_t now) { w.wake(id(t), now, self); };
        return true;
    }
    if (verb == "clone-waker" || verb == "drop-waker") {
        uint64_t n = 1;
        if (!need(1, 2) || !label_ref(args[0], 't', error))
            return false;
        if (args.size() == 2 && !parse_count(args[1], n)) {
            error = "bad count '" + args[1] + "'";
            return false;
        }
        std::string t = args[0];
        bool clone = verb == "clone-waker";
        out = [this, t, n, clone](World& w, int64_t) {
            clone ? w.waker_clone(id(t), n) : w.waker_drop(id(t), n);
        };
        return true;
    }
    if (verb == "churn") {
        // churn N [BYTES]: N short-lived tasks, each with a field value of
        // BYTES (default 200) unique to it, spawned, polled once and
        // completed at once.
        uint64_t n = 0, bytes = 200;
        if (!need(1, 2) || !parse_count(args[0], n) ||
            (args.size() == 2 && !parse_count(args[1], bytes))) {
            if (error.empty())
                error = "churn takes a count and a size";
            return false;
        }
        out = [this, n, bytes](World& w, int64_t now) {
            for (uint64_t k = 0; k < n; k++) {
                TaskDef d;
                d.name = "short-lived";
                FieldDef f;
                f.name = "request";
                f.value.kind = Value::Str;
                f.value.text = "req-" + std::to_string(churned_++);
                f.value.text.resize(std::max<size_t>(bytes, f.value.text.size()), '.');
                d.fields.push_back(f);
                uint64_t t = w.spawn_task(d, now);
                w.poll_begin(t, now);
                w.poll_end(t, now + 1000);
                w.complete_task(t, now + 2000);
            }
        };
        return true;
    }
    if (verb == "drop") {
        if (!need(1, 1) || !label_ref(args[0], 0, error))
            return false;
        std::string l = args[0];
        char kind = declared_[l];
        out = [this, l, kind](World& w, int64_t now) {
            if (kind == 'r')
                w.drop_resource(id(l), now);
            else if (kind == 'a')
                w.drop_async_op(id(l), now);
            else
                w.complete_task(id(l), now);
        };
        return true;
    }
    if (verb == "attr") {
        if (!need(2, 3) || !label_ref(args[0], 0, error))
            return false;
        size_t eq = args[1].find('=');
        FieldDef f;
        if (eq == std::string::npos || eq == 0 ||
            !field_of(args[1].substr(0, eq), args[1].substr(eq + 1), f, error)) {
            if (error.empty())
                error = "attr needs NAME=VALUE";
            return false;
        }
        if (args.size() == 3) {
            if (args[2].rfind("unit=", 0) != 0) {
                error = "attr takes only unit=UNIT after the value";
                return false;
            }
            f.unit = args[2].substr(5);
        }
        std::string l = args[0];
        char kind = declared_[l];
        if (kind == 't') {
            error = "attr applies to resources and async ops";
            return false;
        }
        out = [this, l, f, kind](World& w, int64_t) {
            kind == 'r' ? w.set_resource_attr(id(l), f) : w.set_async_op_attr(id(l), f);
        };
        return true;
    }
    if (verb == "pollop") {
        Options o;
        if (!options(args, 0, o, error))
            return false;
        std::string t = o.kv["task"], r = o.kv["resource"], a = o.kv["op"], name = o.kv["name"];
        if (!label_ref(t, 't', error) || !label_ref(r, 'r', error) || !label_ref(a, 'a', error))
            return false;
        bool ready = o.flags.size() == 1 && o.flags[0] == "ready";
        if (o.flags.size() != 1 || (!ready && o.flags[0] != "pending")) {
            error = "pollop needs 'ready' or 'pending'";
            return false;
        }
        if (name.empty())
            name = "poll";
        out = [=, this](World& w, int64_t now) {
            w.async_op_poll(id(a), id(t), now, now + 20'000);
            w.poll_op(id(t), id(r), id(a), name, ready);
        };
        return true;
    }
    if (verb == "pause" || verb == "resume") {
        if (!need(0, 0))
            return false;
        bool p = verb == "pause";
        out = [p](World& w, int64_t) { w.set_paused(p); };
        return true;
    }
    if (verb == "dropped") {
        uint64_t n;
        if (!need(2, 2) || !parse_count(args[1], n)) {
            if (error.empty())
                error = "bad count '" + args[1] + "'";
            return false;
        }
        World::Stream s;
        if (args[0] == "tasks")
            s = World::Stream::Tasks;
        else if (args[0] == "resources")
            s = World::Stream::Resources;
        else if (args[0] == "async-ops")
            s = World::Stream::AsyncOps;
        else {
            error = "unknown stream '" + args[0] + "'";
            return false;
        }
        out = [s, n](World& w, int64_t) { w.dropped_events(s, n); };
        return true;
    }
    if (verb == "meta") {
        Options o;
        if (!need(1, 99) || !options(args, 1, o, error))
            return false;
        MetaDef def;
        def.name = args[0];
        def.target = o.kv["target"];
        def.module_path = def.target;
        def.event = o.kv["kind"] == "event";
        std::stringstream ss(o.kv["fields"]);
        for (std::string f; std::getline(ss, f, ',');)
            def.field_names.push_back(f);
        out = [def](World& w, int64_t) { w.register_meta(def); };
        return true;
    }
    error = "unknown statement '" + verb + "'";
    return false;
}

bool Scenario::statement(const std::string& line, std::string& error)
{
    std::vector<std::string> words;
    if (!split_words(line, words, error))
        return false;
    if (words.empty())
        return true;
    if (words[0] == "repeat") {
        uint64_t n;
        if (words.size() < 3 || !parse_count(words[1], n)) {
            error = "repeat needs a count and a statement";
            return false;
        }
        size_t pos = line.find("repeat");
        pos = line.find(words[1], pos + 6) + words[1].size();
        std::string rest = line.substr(pos);
        for (uint64_t i = 0; i < n; i++)
            if (!statement(expand_index(rest, i), error))
                return false;
        return true;
    }
    if (words[0] == "interval") {
        if (words.size() != 2 || !parse_duration(words[1], interval_) || interval_ <= 0) {
            error = "interval needs a duration";
            return false;
        }
        return true;
    }
    Stmt st;
    size_t i = 0;
    while (i + 1 < words.size() && (words[i] == "at" || words[i] == "every")) {
        int64_t& slot = words[i] == "at" ? st.at : st.every;
        if (!parse_duration(words[i + 1], slot)) {
            error = "bad duration '" + words[i + 1] + "'";
            return false;
        }
        i += 2;
    }
    if (i >= words.size()) {
        error = "missing statement";
        return false;
    }
    std::vector<std::string> args(words.begin() + i + 1, words.end());
    if (!compile(words[i], args, st.action, error))
        return false;
    stmts_.push_back(std::move(st));
    return true;
}

bool Scenario::parse(const std::string& text, std::string& error)
{
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); n++) {
        std::string why;
        if (!statement(line, why)) {
            error = "line " + std::to_string(n) + ": " + why;
            return false;
        }
    }
    return true;
}

void Scenario::schedule(int64_t when, Action action, int64_t every)
{
    queue_.push(Due{when, order_++, std::move(action), every});
}

void Scenario::start(World& world, int64_t now)
{
    for (auto& st : stmts_) {
        if (st.at == 0 && st.every == 0)
            st.action(world, now);
        else
            schedule(now + (st.at ? st.at : st.every), st.action, st.every);
    }
}

int64_t Scenario::run(World& world, int64_t now)
{
    while (!queue_.empty() && queue_.top().when <= now) {
        Due d = queue_.top();
        queue_.pop();
        d.action(world, now);
        if (d.every > 0)
            schedule(d.when + d.every, d.action, d.every);
    }
    return queue_.empty() ? -1 : queue_.top().when;
}

}  // namespace

std::unique_ptr<Script> load_scenario(const std::string& text, const std::string& origin,
                                      std::string& error)
{
    auto s = std::make_unique<Scenario>();
    if (!s->parse(text, error)) {
        error = "scenario '" + origin + "' " + error;
        return nullptr;
    }
    return s;
}

}  // namespace peer
