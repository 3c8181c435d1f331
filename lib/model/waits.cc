#include "model/waits.h"

#include <algorithm>

#include "util/duration.h"

namespace model {

namespace {

// The bool attribute `name`, when the resource has one.
const Field* attribute(const Model& m, const Resource& r, std::string_view name) {
    for (const Field& f : r.attributes)
        if (m.strings().get(f.name) == name) return &f;
    return nullptr;
}

bool is_true(const Field* f) {
    return f && f->value.kind == FieldValue::Kind::Bool && f->value.u;
}

uint64_t count_of(const Field* f) {
    if (!f) return 0;
    if (f->value.kind == FieldValue::Kind::U64) return f->value.u;
    if (f->value.kind == FieldValue::Kind::I64 && f->value.i > 0) return static_cast<uint64_t>(f->value.i);
    return 0;
}

// The wait a pending link shows, if it still holds.
bool wait_of(const Model& m, const PollLink& l, Wait& w) {
    if (l.ready) return false;
    const Task* t = m.tasks().find(l.task_span);
    if (t && t->completed()) return false;
    const Resource* r = m.resources().find(l.resource_span);
    if (!r || r->dropped()) return false;
    const AsyncOp* op = l.async_op_span ? m.async_ops().find(l.async_op_span) : nullptr;
    if (op && op->dropped()) return false;
    w.task_span = l.task_span;
    w.resource_span = l.resource_span;
    w.async_op_span = l.async_op_span;
    if (op && op->first_poll) {
        w.began = op->first_poll;
        w.how = Since::Exact;
    } else if (op && op->created_at) {
        w.began = op->created_at;  // created, then awaited: no later than that
        w.how = Since::AtLeast;
    } else if (l.run_seen) {
        w.began = l.run_seen;
        w.how = Since::AtLeast;
    }
    return true;
}

}  // namespace

namespace {

bool behind_parent(const Model& m, const Wait& w, const std::vector<Wait>& task_waits) {
    const Resource* r = m.resources().find(w.resource_span);
    if (!r || r->visibility != Visibility::Internal || !r->parent_span) return false;
    return std::any_of(task_waits.begin(), task_waits.end(),
                       [&](const Wait& o) { return o.resource_span == r->parent_span; });
}

}  // namespace

bool behind_parent(const Model& m, const Wait& w) {
    const Resource* r = m.resources().find(w.resource_span);
    if (!r || r->visibility != Visibility::Internal || !r->parent_span) return false;
    std::vector<Wait> all;
    for (const PollLink& l : m.poll_ops().of_task(w.task_span)) {
        Wait o;
        if (l.resource_span == r->parent_span && wait_of(m, l, o)) all.push_back(o);
    }
    return behind_parent(m, w, all);
}

std::vector<Wait> waits_of_task(const Model& m, uint64_t task_span) {
    std::vector<Wait> out;
    for (const PollLink& l : m.poll_ops().of_task(task_span)) {
        Wait w;
        if (wait_of(m, l, w)) out.push_back(w);
    }
    auto inner = [&](const Wait& w) { return behind_parent(m, w, out); };
    out.erase(std::remove_if(out.begin(), out.end(), inner), out.end());
    auto id = [&](const Wait& w) {
        const Resource* r = m.resources().find(w.resource_span);
        return r ? r->id : 0;
    };
    std::sort(out.begin(), out.end(), [&](const Wait& a, const Wait& b) { return id(a) < id(b); });
    return out;
}

std::vector<Wait> waiters_of(const Model& m, uint64_t resource_span) {
    std::vector<Wait> out;
    for (const PollLink& l : m.poll_ops().of_resource(resource_span)) {
        Wait w;
        if (wait_of(m, l, w)) out.push_back(w);
    }
    // Longest first; unknown starts last; then by task id.
    auto key = [](const Wait& w) { return w.how == Since::Unknown ? INT64_MAX : w.began; };
    auto tid = [&](const Wait& w) {
        const Task* t = m.tasks().find(w.task_span);
        return t ? t->id : 0;
    };
    std::sort(out.begin(), out.end(), [&](const Wait& a, const Wait& b) {
        if (key(a) != key(b)) return key(a) < key(b);
        return tid(a) < tid(b);
    });
    return out;
}

Hold hold_of(const Model& m, uint64_t resource_span) {
    Hold h;
    const Resource* r = m.resources().find(resource_span);
    if (!r) return h;
    const Field* locked = attribute(m, *r, "locked");
    const Field* write = attribute(m, *r, "write_locked");
    if (!locked && !write) return h;
    bool rwlock = !locked;
    if (rwlock && !is_true(write)) {
        const Field* readers = attribute(m, *r, "current_readers");
        if (!readers) readers = attribute(m, *r, "readers");
        h.readers = count_of(readers);
        h.state = h.readers ? LockState::Held : LockState::Free;
        return h;  // readers are not told apart
    }
    if (!rwlock && !is_true(locked)) {
        h.state = LockState::Free;
        return h;
    }
    h.state = LockState::Held;
    // The last ready poll of it (a write, for an RwLock) took it.
    const PollLink* last = nullptr;
    std::vector<PollLink> links = m.poll_ops().of_resource(resource_span);
    for (const PollLink& l : links) {
        if (!l.ready || (last && last->seq > l.seq)) continue;
        if (rwlock) {
            const AsyncOp* op = m.async_ops().find(l.async_op_span);
            if (!op || m.strings().get(op->source).find("write") == std::string_view::npos) continue;
        }
        last = &l;
    }
    if (!last) return h;
    const Task* t = m.tasks().find(last->task_span);
    if (!t || t->completed()) return h;  // it cannot hold it now: unknown who does
    h.holder_span = last->task_span;
    const AsyncOp* op = last->async_op_span ? m.async_ops().find(last->async_op_span) : nullptr;
    if (op && op->last_poll_ended) {
        h.since_time = op->last_poll_ended;
        h.how = Since::Exact;
    } else if (last->last_seen) {
        h.since_time = last->last_seen;
        h.how = Since::AtLeast;
    }
    return h;
}

bool blocked(const Model& m, const Wait& w, Nanos now, Nanos after) {
    const Task* t = m.tasks().find(w.task_span);
    const Resource* r = m.resources().find(w.resource_span);
    if (!t || !r || t->state() != TaskState::Idle || w.how == Since::Unknown) return false;
    if (m.strings().get(r->kind) == "Timer") return false;
    return w.waited(now) >= after;
}

std::string resource_words(const Model& m, uint64_t resource_span) {
    const Resource* r = m.resources().find(resource_span);
    if (!r) return "a resource no longer known";
    const auto& s = m.strings();
    return std::string(s.get(r->kind)) + " " + std::string(s.get(r->concrete_type)) + " at " +
           std::string(s.get(r->location));
}

std::string task_words(const Model& m, uint64_t task_span) {
    const Task* t = m.tasks().find(task_span);
    if (!t) return "task ?";
    std::string out = "task " + std::to_string(t->id);
    if (t->name) out += " (" + std::string(m.strings().get(t->name)) + ")";
    return out;
}

std::string waited_words(const Wait& w, Nanos now, bool ascii) {
    switch (w.how) {
    case Since::Exact: return "waiting " + util::format_duration(w.waited(now), 1, ascii);
    case Since::AtLeast: return "waiting at least " + util::format_duration(w.waited(now), 1, ascii);
    case Since::Unknown: break;
    }
    return "waiting (since unknown)";
}

std::string hold_words(const Model& m, const Hold& h, Nanos now, bool ascii) {
    switch (h.state) {
    case LockState::NotALock: return "";
    case LockState::Free: return "not held";
    case LockState::Held: break;
    }
    if (h.readers) return "held by " + std::to_string(h.readers) + (h.readers == 1 ? " reader" : " readers");
    if (!h.holder_span) return "held, holder unknown";
    std::string by = "by " + task_words(m, h.holder_span);
    Nanos held = since(now, h.since_time);
    std::string d = util::format_duration(held, 1, ascii);
    switch (h.how) {
    case Since::Exact: return "held since " + d + " " + by;
    case Since::AtLeast:
        if (held > 0) return "held since at least " + d + " " + by;
        break;
    case Since::Unknown: break;
    }
    return "held " + by;
}

std::string describe_wait(const Model& m, const Wait& w, Nanos now, bool ascii) {
    std::string out = resource_words(m, w.resource_span) + ", " + waited_words(w, now, ascii);
    std::string held = hold_words(m, hold_of(m, w.resource_span), now, ascii);
    if (!held.empty()) out += "; " + held;
    return out;
}

}  // namespace model
