// The scenario statements that act over time (poll, wake, churn, drop,
// attr, ...), one function each, and the table Scenario::compile looks
// the verb up in.  The format is described in t/scenarios/README.
#include <algorithm>
#include <map>
#include <sstream>

#include "lex.h"
#include "scenario.h"

namespace peer::scenario {

namespace {

// Checks the argument count of `verb`.
bool arity(const std::string& verb, const Args& args, size_t lo, size_t hi, std::string& error) {
    if (args.size() >= lo && args.size() <= hi) return true;
    error = "wrong number of arguments to '" + verb + "'";
    return false;
}

}  // namespace

bool Scenario::poll_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    int64_t busy = 100'000;
    if (!arity(verb, args, 1, 2, error) || !label_ref(args[0], 't', error)) return false;
    if (args.size() == 2 && !parse_duration(args[1], busy)) {
        error = "bad duration '" + args[1] + "'";
        return false;
    }
    std::string t = args[0];
    out = [this, t, busy](World& w, int64_t now) {
        uint64_t task = id(t);
        w.poll_begin(task, now);
        schedule(
            now + busy, [task](World& w2, int64_t end) { w2.poll_end(task, end); }, 0);
    };
    return true;
}

bool Scenario::poll_edge_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    if (!arity(verb, args, 1, 1, error) || !label_ref(args[0], 't', error)) return false;
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

bool Scenario::wake_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    if (!arity(verb, args, 1, 2, error) || !label_ref(args[0], 't', error)) return false;
    if (args.size() == 2 && args[1] != "self") {
        error = "unknown wake flag '" + args[1] + "'";
        return false;
    }
    bool self = args.size() == 2;
    std::string t = args[0];
    out = [this, t, self](World& w, int64_t now) { w.wake(id(t), now, self); };
    return true;
}

bool Scenario::waker_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    uint64_t n = 1;
    if (!arity(verb, args, 1, 2, error) || !label_ref(args[0], 't', error)) return false;
    if (args.size() == 2 && !parse_count(args[1], n)) {
        error = "bad count '" + args[1] + "'";
        return false;
    }
    std::string t = args[0];
    bool clone = verb == "clone-waker";
    out = [this, t, n, clone](World& w, int64_t) { clone ? w.waker_clone(id(t), n) : w.waker_drop(id(t), n); };
    return true;
}

bool Scenario::churn_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    // churn N [BYTES]: N short-lived tasks, each with a field value of
    // BYTES (default 200) unique to it, spawned, polled once and
    // completed at once.
    uint64_t n = 0, bytes = 200;
    if (!arity(verb, args, 1, 2, error) || !parse_count(args[0], n) ||
        (args.size() == 2 && !parse_count(args[1], bytes))) {
        if (error.empty()) error = "churn takes a count and a size";
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

bool Scenario::drop_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    if (!arity(verb, args, 1, 1, error) || !label_ref(args[0], 0, error)) return false;
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

bool Scenario::attr_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    if (!arity(verb, args, 2, 3, error) || !label_ref(args[0], 0, error)) return false;
    size_t eq = args[1].find('=');
    FieldDef f;
    if (eq == std::string::npos || eq == 0 || !field_of(args[1].substr(0, eq), args[1].substr(eq + 1), f, error)) {
        if (error.empty()) error = "attr needs NAME=VALUE";
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

bool Scenario::pollop_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    Options o;
    if (!options(args, 0, o, error)) return false;
    std::string t = o.kv["task"], r = o.kv["resource"], a = o.kv["op"], name = o.kv["name"];
    if (!label_ref(t, 't', error) || !label_ref(r, 'r', error) || !label_ref(a, 'a', error)) return false;
    bool ready = o.flags.size() == 1 && o.flags[0] == "ready";
    if (o.flags.size() != 1 || (!ready && o.flags[0] != "pending")) {
        error = "pollop needs 'ready' or 'pending'";
        return false;
    }
    if (name.empty()) name = "poll";
    out = [=, this](World& w, int64_t now) {
        w.async_op_poll(id(a), id(t), now, now + 20'000);
        w.poll_op(id(t), id(r), id(a), name, ready);
    };
    return true;
}

bool Scenario::pause_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    if (!arity(verb, args, 0, 0, error)) return false;
    bool p = verb == "pause";
    out = [p](World& w, int64_t) { w.set_paused(p); };
    return true;
}

bool Scenario::dropped_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    uint64_t n;
    if (!arity(verb, args, 2, 2, error) || !parse_count(args[1], n)) {
        if (error.empty()) error = "bad count '" + args[1] + "'";
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

bool Scenario::meta_stmt(const std::string& verb, const Args& args, Action& out, std::string& error) {
    Options o;
    if (!arity(verb, args, 1, 99, error) || !options(args, 1, o, error)) return false;
    MetaDef def;
    def.name = args[0];
    def.target = o.kv["target"];
    def.module_path = def.target;
    def.event = o.kv["kind"] == "event";
    std::stringstream ss(o.kv["fields"]);
    for (std::string f; std::getline(ss, f, ',');) def.field_names.push_back(f);
    out = [def](World& w, int64_t) { w.register_meta(def); };
    return true;
}

bool Scenario::compile(const std::string& verb, const Args& args, Action& out, std::string& error) {
    using Verb = bool (Scenario::*)(const std::string&, const Args&, Action&, std::string&);
    static const std::map<std::string, Verb> verbs = {
        {"task", &Scenario::task_stmt},
        {"resource", &Scenario::resource_stmt},
        {"asyncop", &Scenario::async_op_stmt},
        {"poll", &Scenario::poll_stmt},
        {"poll-begin", &Scenario::poll_edge_stmt},
        {"poll-end", &Scenario::poll_edge_stmt},
        {"complete", &Scenario::poll_edge_stmt},
        {"wake", &Scenario::wake_stmt},
        {"clone-waker", &Scenario::waker_stmt},
        {"drop-waker", &Scenario::waker_stmt},
        {"churn", &Scenario::churn_stmt},
        {"drop", &Scenario::drop_stmt},
        {"attr", &Scenario::attr_stmt},
        {"pollop", &Scenario::pollop_stmt},
        {"pause", &Scenario::pause_stmt},
        {"resume", &Scenario::pause_stmt},
        {"dropped", &Scenario::dropped_stmt},
        {"meta", &Scenario::meta_stmt},
    };
    auto it = verbs.find(verb);
    if (it == verbs.end()) {
        error = "unknown statement '" + verb + "'";
        return false;
    }
    return (this->*it->second)(verb, args, out, error);
}

}  // namespace peer::scenario
