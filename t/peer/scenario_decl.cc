// Scenario statements that declare: task, resource and asyncop, with the
// history a task is given at start.
#include <algorithm>

#include "lex.h"
#include "scenario.h"

namespace peer::scenario {

bool parse_location(const std::string& text, Location& loc) {
    // FILE[:LINE[:COL]], split from the right so the file may hold colons.
    std::vector<std::string> parts;
    std::string rest = text;
    for (int k = 0; k < 2; k++) {
        size_t c = rest.rfind(':');
        uint64_t n;
        if (c == std::string::npos || !parse_count(rest.substr(c + 1), n)) break;
        parts.insert(parts.begin(), rest.substr(c + 1));
        rest = rest.substr(0, c);
    }
    loc.file = rest;
    uint64_t n = 0;
    if (parts.size() >= 1 && parse_count(parts[0], n)) loc.line = static_cast<uint32_t>(n);
    if (parts.size() >= 2 && parse_count(parts[1], n)) loc.column = static_cast<uint32_t>(n);
    return !loc.file.empty();
}

bool field_of(const std::string& name, const std::string& value, FieldDef& out, std::string& error) {
    out.name = name;
    if (!parse_value(value, out.value)) {
        error = "bad value '" + value + "'";
        return false;
    }
    return true;
}

void make_history(World& w, uint64_t task, int64_t now, const History& h) {
    int64_t created = now - h.age;
    uint64_t n = h.polls;
    int64_t busy_each = n ? (h.busy >= 0 ? h.busy / int64_t(n) : 100'000 + int64_t(task % 7) * 13'000) : 0;
    int64_t sched_each = h.sched >= 0 && n ? h.sched / int64_t(n) : 20'000;
    bool running = h.state == "running";
    int64_t span = std::max<int64_t>(h.age - 10 * ms, 1);
    uint64_t wakes = 0;
    for (uint64_t k = 0; k < n; k++) {
        int64_t begin = created + span * int64_t(k + 1) / int64_t(n + 1);
        if (running && k + 1 == n) begin = created + (n > 1 ? span * int64_t(k) / int64_t(n) + 1 * ms : 1 * ms);
        if (k > 0) {
            w.wake(task, begin - sched_each, wakes < h.self_wakes);
            wakes++;
        }
        w.poll_begin(task, begin);
        if (!(running && k + 1 == n)) w.poll_end(task, begin + busy_each);
    }
    if (h.state == "scheduled") {
        w.wake(task, now - 1 * ms, wakes < h.self_wakes);
        wakes++;
    }
    uint64_t clones = h.clones >= 0 ? uint64_t(h.clones) : wakes + 1;
    uint64_t drops = h.drops >= 0 ? uint64_t(h.drops) : wakes;
    w.waker_clone(task, clones);
    w.waker_drop(task, drops);
    if (h.state == "done") w.complete_task(task, now - 1 * ms);
}

// `parents=a,b`: labels of tasks declared before.
bool Scenario::parent_labels(const std::string& text, std::vector<std::string>& out, std::string& error) {
    size_t from = 0;
    while (from <= text.size()) {
        size_t comma = text.find(',', from);
        std::string label = text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        if (label.empty() || !label_ref(label, 't', error)) {
            if (error.empty()) error = "empty parent label in '" + text + "'";
            return false;
        }
        out.push_back(label);
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return true;
}

// A task's history option (polls=, busy=, ...): whether `k` is one, and in
// `ok` whether its value reads.
static bool history_option(const std::string& k, const std::string& v, History& h, bool& ok) {
    uint64_t n = 0;
    if (k == "state")
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
    else
        return false;
    return true;
}

bool Scenario::task_stmt(const std::string&, const Args& args, Action& out, std::string& error) {
    if (args.empty()) {
        error = "task needs a label";
        return false;
    }
    Options o;
    if (!options(args, 1, o, error)) return false;
    TaskDef def;
    History h;
    def.name = args[0];
    std::vector<std::string> parents;  // labels, resolved when the task spawns
    for (const auto& [k, v] : o.kv) {
        bool ok = true;
        if (history_option(k, v, h, ok)) {
            // read into h; its value is checked below
        } else if (k == "id")
            ok = parse_count(v, def.id) && def.id;
        else if (k == "name")
            def.name = v;
        else if (k == "target")
            def.target = v;
        else if (k == "loc")
            ok = parse_location(v, def.location);
        else if ((k == "parent" || k == "parents") && !parent_labels(v, parents, error))
            return false;
        else if (k == "parent" || k == "parents")
            continue;
        else if (k == "kind")
            ok = (def.blocking = v == "blocking") || v == "spawn" || v == "task";
        else if (k == "names")
            ok = (def.name_idx = v == "idx") || v == "str";
        else if (k.rfind("field.", 0) == 0 && k.size() > 6) {
            FieldDef f;
            if (!field_of(k.substr(6), v, f, error)) return false;
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
    if (h.state == "running" && h.polls == 0) h.polls = 1;
    std::string label = args[0];
    declared_[label] = 't';
    out = [this, label, def, h, parents](World& w, int64_t now) {
        TaskDef d = def;
        for (const auto& p : parents) d.parents.push_back(id(p));
        uint64_t id = w.spawn_task(d, now - h.age);
        ids_[label] = id;
        make_history(w, id, now, h);
    };
    return true;
}

bool Scenario::resource_stmt(const std::string&, const Args& args, Action& out, std::string& error) {
    if (args.empty()) {
        error = "resource needs a label";
        return false;
    }
    Options o;
    if (!options(args, 1, o, error)) return false;
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
            if (!field_of(k.substr(5), v, f, error)) return false;
            def.attributes.push_back(f);
        } else if (k.rfind("unit.", 0) == 0 && k.size() > 5)
            units[k.substr(5)] = v;
        else {
            error = "unknown resource option '" + k + "'";
            return false;
        }
        if (!ok) {
            if (error.empty()) error = "bad value for '" + k + "': '" + v + "'";
            return false;
        }
    }
    for (auto& a : def.attributes)
        if (auto it = units.find(a.name); it != units.end()) a.unit = it->second;
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

bool Scenario::async_op_stmt(const std::string&, const Args& args, Action& out, std::string& error) {
    if (args.empty()) {
        error = "asyncop needs a label";
        return false;
    }
    Options o;
    if (!options(args, 1, o, error)) return false;
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
            if (!field_of(k.substr(5), v, f, error)) return false;
            def.attributes.push_back(f);
        } else {
            error = "unknown asyncop option '" + k + "'";
            return false;
        }
        if (!ok) {
            if (error.empty()) error = "bad value for '" + k + "': '" + v + "'";
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

}  // namespace peer::scenario
