#include "model/task_keys.h"

namespace model {

namespace {
template <class T>
void move_elem(KeyArray<T>& v, size_t from, size_t to) {
    v[to] = v[from];
}
}  // namespace

void TaskKeys::push_back(const Task& t) {
    id.push_back(0);
    created.push_back(0);
    dropped.push_back(0);
    busy.push_back(0);
    busy_from.push_back(0);
    sched.push_back(0);
    sched_from.push_back(0);
    polls.push_back(0);
    state.push_back(0);
    warns.push_back(0);
    name.push_back(0);
    kind.push_back(0);
    location.push_back(0);
    field.push_back(0);
    set(size() - 1, t);
}

void TaskKeys::reserve(size_t n) {
    id.reserve(n);
    created.reserve(n);
    dropped.reserve(n);
    busy.reserve(n);
    busy_from.reserve(n);
    sched.reserve(n);
    sched_from.reserve(n);
    polls.reserve(n);
    state.reserve(n);
    warns.reserve(n);
    name.reserve(n);
    kind.reserve(n);
    location.reserve(n);
    field.reserve(n);
}

void TaskKeys::set(size_t i, const Task& t) {
    id[i] = t.id;
    name[i] = t.name;
    kind[i] = t.kind;
    location[i] = t.location;
    field[i] = t.fields.empty() ? 0 : t.fields.front().value.text;
    set_warns(i, t.warnings);
    set_stats(i, t);
}

namespace {
// A store dirties its cache line and page even when the value is the
// same; most keys of most tasks are (a task's creation, a live task's
// drop), and at a million tasks the pages an update dirties are what it
// costs.
template <class T>
void store(KeyArray<T>& v, size_t i, T value) {
    if (v[i] != value) v[i] = value;
}
}  // namespace

void TaskKeys::set_stats(size_t i, const Task& t) {
    const TaskStats& s = t.stats;
    bool done = t.completed();
    store(created, i, s.created_at);
    store(dropped, i, s.dropped_at);
    store(busy, i, s.busy);
    store(busy_from, i, !done && s.last_poll_started && t.running() ? s.last_poll_started : Nanos{0});
    store(sched, i, s.scheduled);
    store(sched_from, i, !done && s.last_wake && t.scheduled_now() ? s.last_wake : Nanos{0});
    store(polls, i, s.polls);
    store(state, i, static_cast<uint8_t>(t.state()));
}

void TaskKeys::move(size_t from, size_t to) {
    move_elem(id, from, to);
    move_elem(created, from, to);
    move_elem(dropped, from, to);
    move_elem(busy, from, to);
    move_elem(busy_from, from, to);
    move_elem(sched, from, to);
    move_elem(sched_from, from, to);
    move_elem(polls, from, to);
    move_elem(state, from, to);
    move_elem(warns, from, to);
    move_elem(name, from, to);
    move_elem(kind, from, to);
    move_elem(location, from, to);
    move_elem(field, from, to);
}

void TaskKeys::pop_back() {
    id.pop_back();
    created.pop_back();
    dropped.pop_back();
    busy.pop_back();
    busy_from.pop_back();
    sched.pop_back();
    sched_from.pop_back();
    polls.pop_back();
    state.pop_back();
    warns.pop_back();
    name.pop_back();
    kind.pop_back();
    location.pop_back();
    field.pop_back();
}

}  // namespace model
