// The simulated application's state and its Update encoding; see world.h.
#include "world.h"

#include <algorithm>
#include <chrono>

namespace peer {

namespace {

int64_t clock_offset_ns = 0;  // added to the system clock (--frozen-clock)
int64_t frozen_at_ns = -1;    // the `now` every message says; -1: the clock's

int64_t system_now_ns() {
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

int64_t wall_now_ns() {
    return system_now_ns() + clock_offset_ns;
}

void freeze_clock(int64_t at_ns) {
    clock_offset_ns = at_ns - system_now_ns();
    frozen_at_ns = at_ns;
}

int64_t stamp_now_ns() {
    return frozen_at_ns >= 0 ? frozen_at_ns : wall_now_ns();
}

void set_timestamp(google::protobuf::Timestamp* ts, int64_t ns) {
    ts->set_seconds(ns / 1'000'000'000);
    ts->set_nanos(static_cast<int32_t>(ns % 1'000'000'000));
}

void set_duration(google::protobuf::Duration* d, int64_t ns) {
    d->set_seconds(ns / 1'000'000'000);
    d->set_nanos(static_cast<int32_t>(ns % 1'000'000'000));
}

namespace {

// Pointer-like metadata ids, as a real subscriber sends callsite addresses.
constexpr uint64_t first_meta_id = 94642990660000ull;
constexpr uint64_t meta_id_step = 0x1f8;
constexpr size_t log_limit = 4096;

void fill_location(pb::common::Location* out, const Location& loc) {
    if (!loc.file.empty()) out->set_file(loc.file);
    if (!loc.module_path.empty()) out->set_module_path(loc.module_path);
    if (loc.line) out->set_line(loc.line);
    if (loc.column) out->set_column(loc.column);
}

}  // namespace

World::World() : meta_ids_(first_meta_id) {}

uint64_t World::next_id(uint64_t wanted) {
    if (wanted) return wanted;
    // Span ids from a sharded slab: the shard in the high bits.
    uint64_t n = ids_++;
    return ((n % 16 + 1) << 38) + n / 16 + 1;
}

uint64_t World::meta_for(const std::string& name, const std::string& target, const std::vector<std::string>& fields) {
    std::string key = name + '\0' + target;
    for (const auto& f : fields) key += '\0' + f;
    if (auto it = meta_by_key_.find(key); it != meta_by_key_.end()) return it->second;
    uint64_t id = meta_ids_;
    meta_ids_ += meta_id_step;
    pb::common::RegisterMetadata::NewMetadata m;
    m.mutable_id()->set_id(id);
    auto* md = m.mutable_metadata();
    md->set_name(name);
    md->set_target(target);
    md->set_module_path(target);
    md->set_level(pb::common::Metadata::TRACE);
    auto* loc = md->mutable_location();
    loc->set_file("/home/dev/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.24.2/src/util/trace.rs");
    loc->set_module_path(target);
    loc->set_line(16);
    for (const auto& f : fields) md->add_field_names(f);
    metadata_.push_back({++seq_, std::move(m)});
    meta_by_key_.emplace(key, id);
    meta_fields_[id] = fields;
    return id;
}

uint64_t World::register_meta(const MetaDef& def) {
    std::lock_guard lock(mu_);
    uint64_t id = meta_ids_;
    meta_ids_ += meta_id_step;
    pb::common::RegisterMetadata::NewMetadata m;
    m.mutable_id()->set_id(id);
    auto* md = m.mutable_metadata();
    md->set_name(def.name);
    md->set_target(def.target);
    md->set_module_path(def.module_path);
    md->set_kind(def.event ? pb::common::Metadata::EVENT : pb::common::Metadata::SPAN);
    md->set_level(pb::common::Metadata::TRACE);
    if (!def.file.empty()) {
        md->mutable_location()->set_file(def.file);
        md->mutable_location()->set_line(def.line);
    }
    for (const auto& f : def.field_names) md->add_field_names(f);
    metadata_.push_back({++seq_, std::move(m)});
    meta_fields_[id] = def.field_names;
    return id;
}

void World::fill_field(pb::common::Field* f, const FieldDef& def, uint64_t meta) const {
    f->set_str_name(def.name);
    switch (def.value.kind) {
    case Value::Debug: f->set_debug_val(def.value.text); break;
    case Value::Str: f->set_str_val(def.value.text); break;
    case Value::U64: f->set_u64_val(def.value.u); break;
    case Value::I64: f->set_i64_val(def.value.i); break;
    case Value::Bool: f->set_bool_val(def.value.b); break;
    }
    f->mutable_metadata_id()->set_id(meta);
}

void World::fill_attrs(google::protobuf::RepeatedPtrField<pb::common::Attribute>* out,
                       const std::vector<FieldDef>& attrs, uint64_t meta) const {
    for (const auto& a : attrs) {
        auto* attr = out->Add();
        fill_field(attr->mutable_field(), a, meta);
        if (!a.unit.empty()) attr->set_unit(a.unit);
    }
}

void World::fill_polls(pb::common::PollStats* out, const Polls& p) {
    out->set_polls(p.polls);
    if (p.first >= 0) set_timestamp(out->mutable_first_poll(), p.first);
    if (p.started >= 0) set_timestamp(out->mutable_last_poll_started(), p.started);
    if (p.ended >= 0) set_timestamp(out->mutable_last_poll_ended(), p.ended);
    set_duration(out->mutable_busy_time(), p.busy);
}

void World::set_attr(std::vector<FieldDef>& attrs, const FieldDef& attr) {
    for (auto& a : attrs) {
        if (a.name == attr.name) {
            a = attr;
            return;
        }
    }
    attrs.push_back(attr);
}

World::TaskRec* World::task(uint64_t id) {
    auto it = tasks_.find(id);
    return it == tasks_.end() ? nullptr : &it->second;
}

uint64_t World::spawn_task(const TaskDef& def, int64_t at) {
    std::lock_guard lock(mu_);
    std::vector<std::string> names = {"kind", "task.name", "task.id", "loc.file", "loc.line", "loc.col"};
    for (const auto& f : def.fields) names.push_back(f.name);
    uint64_t meta = meta_for("runtime.spawn", def.blocking ? std::string("tokio::task::blocking") : def.target, names);
    uint64_t id = next_id(def.id);
    TaskRec& t = tasks_[id];
    t = TaskRec();
    t.id = id;
    t.created = at;
    t.born = ++seq_;
    t.changed = t.born;
    auto& p = t.proto;
    p.mutable_id()->set_id(id);
    p.mutable_metadata()->set_id(meta);
    p.set_kind(def.blocking ? pb::tasks::Task::BLOCKING : pb::tasks::Task::SPAWN);
    std::vector<FieldDef> fields;
    fields.push_back({"kind", {Value::Debug, def.blocking ? "blocking" : "task"}, ""});
    if (!def.name.empty()) fields.push_back({"task.name", {Value::Debug, def.name}, ""});
    if (def.tokio_id) {
        FieldDef f{"task.id", {}, ""};
        f.value.kind = Value::U64;
        f.value.u = ++tokio_ids_;
        fields.push_back(f);
    }
    for (const auto& f : def.fields) fields.push_back(f);
    for (const auto& f : fields) {
        auto* out = p.add_fields();
        fill_field(out, f, meta);
        if (def.name_idx) {
            for (size_t i = 0; i < names.size(); i++) {
                if (names[i] == f.name) {
                    out->set_name_idx(i);
                    break;
                }
            }
        }
    }
    if (!def.location.empty()) fill_location(p.mutable_location(), def.location);
    for (uint64_t parent : def.parents) p.add_parents()->set_id(parent);
    return id;
}

void World::poll_begin(uint64_t id, int64_t at) {
    std::lock_guard lock(mu_);
    TaskRec* t = task(id);
    if (!t || t->dropped >= 0) return;
    if (t->woken >= 0) {
        int64_t waited = std::max<int64_t>(0, at - t->woken);
        t->scheduled += waited;
        t->sched_hist.record(waited);
        t->woken = -1;
    }
    t->polls.polls++;
    if (t->polls.first < 0) t->polls.first = at;
    t->polls.started = at;
    touch(*t);
}

void World::poll_end(uint64_t id, int64_t at) {
    std::lock_guard lock(mu_);
    TaskRec* t = task(id);
    if (!t || t->polls.started < 0 || t->polls.ended >= t->polls.started) return;
    int64_t busy = std::max<int64_t>(0, at - t->polls.started);
    t->polls.ended = at;
    t->polls.busy += busy;
    t->poll_hist.record(busy);
    touch(*t);
}

bool World::task_polling(uint64_t id) const {
    std::lock_guard lock(mu_);
    auto it = tasks_.find(id);
    if (it == tasks_.end()) return false;
    const auto& p = it->second.polls;
    return p.started >= 0 && p.ended < p.started;
}

void World::wake(uint64_t id, int64_t at, bool self_wake) {
    std::lock_guard lock(mu_);
    TaskRec* t = task(id);
    if (!t || t->dropped >= 0) return;
    t->wakes++;
    if (self_wake) t->self_wakes++;
    t->last_wake = at;
    if (t->woken < 0) t->woken = at;
    touch(*t);
}

void World::waker_clone(uint64_t id, uint64_t n) {
    std::lock_guard lock(mu_);
    if (TaskRec* t = task(id)) {
        t->clones += n;
        touch(*t);
    }
}

void World::waker_drop(uint64_t id, uint64_t n) {
    std::lock_guard lock(mu_);
    if (TaskRec* t = task(id)) {
        t->drops = std::min(t->clones, t->drops + n);
        touch(*t);
    }
}

void World::complete_task(uint64_t id, int64_t at) {
    std::lock_guard lock(mu_);
    TaskRec* t = task(id);
    if (!t || t->dropped >= 0) return;
    if (t->polls.started > t->polls.ended) {
        int64_t busy = std::max<int64_t>(0, at - t->polls.started);
        t->polls.ended = at;
        t->polls.busy += busy;
        t->poll_hist.record(busy);
    }
    t->drops = t->clones;
    t->dropped = at;
    touch(*t);
}

uint64_t World::create_resource(const ResourceDef& def, int64_t at) {
    std::lock_guard lock(mu_);
    std::vector<std::string> names = {"concrete_type",       "kind", "loc.file", "loc.line", "loc.col", "is_internal",
                                      "inherits_child_attrs"};
    uint64_t meta = meta_for("runtime.resource", def.target.empty() ? "tokio::sync" : def.target, names);
    uint64_t id = next_id(def.id);
    ResourceRec& r = resources_[id];
    r = ResourceRec();
    r.id = id;
    r.created = at;
    r.born = ++seq_;
    r.changed = r.born;
    r.attributes = def.attributes;
    auto& p = r.proto;
    p.mutable_id()->set_id(id);
    p.mutable_metadata()->set_id(meta);
    p.set_concrete_type(def.concrete_type);
    if (def.kind == "timer" || def.kind == "TIMER")
        p.mutable_kind()->set_known(pb::resources::Resource::Kind::TIMER);
    else
        p.mutable_kind()->set_other(def.kind.empty() ? "Sync" : def.kind);
    if (!def.location.empty()) fill_location(p.mutable_location(), def.location);
    if (def.parent) p.mutable_parent_resource_id()->set_id(def.parent);
    p.set_is_internal(def.internal);
    return id;
}

void World::set_resource_attr(uint64_t id, const FieldDef& attr) {
    std::lock_guard lock(mu_);
    auto it = resources_.find(id);
    if (it == resources_.end()) return;
    set_attr(it->second.attributes, attr);
    touch(it->second);
}

void World::drop_resource(uint64_t id, int64_t at) {
    std::lock_guard lock(mu_);
    auto it = resources_.find(id);
    if (it == resources_.end() || it->second.dropped >= 0) return;
    it->second.dropped = at;
    touch(it->second);
}

uint64_t World::create_async_op(const AsyncOpDef& def, int64_t at) {
    std::lock_guard lock(mu_);
    uint64_t meta = meta_for("runtime.resource.async_op", "tokio::sync", {"source", "inherits_child_attrs"});
    uint64_t id = next_id(def.id);
    AsyncOpRec& a = async_ops_[id];
    a = AsyncOpRec();
    a.id = id;
    a.created = at;
    a.born = ++seq_;
    a.changed = a.born;
    a.task = def.task;
    a.attributes = def.attributes;
    auto& p = a.proto;
    p.mutable_id()->set_id(id);
    p.mutable_metadata()->set_id(meta);
    p.set_source(def.source);
    if (def.resource) p.mutable_resource_id()->set_id(def.resource);
    if (def.parent) p.mutable_parent_async_op_id()->set_id(def.parent);
    return id;
}

void World::async_op_poll(uint64_t id, uint64_t task_id, int64_t begin, int64_t end) {
    std::lock_guard lock(mu_);
    auto it = async_ops_.find(id);
    if (it == async_ops_.end() || it->second.dropped >= 0) return;
    auto& a = it->second;
    if (task_id) a.task = task_id;
    a.polls.polls++;
    if (a.polls.first < 0) a.polls.first = begin;
    a.polls.started = begin;
    a.polls.ended = end;
    a.polls.busy += std::max<int64_t>(0, end - begin);
    touch(a);
}

void World::set_async_op_attr(uint64_t id, const FieldDef& attr) {
    std::lock_guard lock(mu_);
    auto it = async_ops_.find(id);
    if (it == async_ops_.end()) return;
    set_attr(it->second.attributes, attr);
    touch(it->second);
}

void World::drop_async_op(uint64_t id, int64_t at) {
    std::lock_guard lock(mu_);
    auto it = async_ops_.find(id);
    if (it == async_ops_.end() || it->second.dropped >= 0) return;
    it->second.dropped = at;
    touch(it->second);
}

void World::poll_op(uint64_t task_id, uint64_t resource, uint64_t op, const std::string& name, bool ready) {
    std::lock_guard lock(mu_);
    uint64_t meta = meta_for("runtime.resource.poll_op", "tokio::sync", {"op_name", "is_ready"});
    pb::resources::PollOp p;
    p.mutable_metadata()->set_id(meta);
    p.mutable_resource_id()->set_id(resource);
    p.set_name(name);
    p.mutable_task_id()->set_id(task_id);
    p.mutable_async_op_id()->set_id(op);
    p.set_is_ready(ready);
    poll_ops_.push_back({++seq_, std::move(p)});
    while (poll_ops_.size() > log_limit) poll_ops_.pop_front();
}

void World::dropped_events(Stream which, uint64_t n) {
    std::lock_guard lock(mu_);
    dropped_.push_back({++seq_, {which, n}});
    while (dropped_.size() > log_limit) dropped_.pop_front();
}

void World::expire(int64_t now, int64_t retain_ns) {
    std::lock_guard lock(mu_);
    auto old = [&](const Entity& e) { return e.dropped >= 0 && now - e.dropped > retain_ns; };
    std::erase_if(tasks_, [&](const auto& kv) { return old(kv.second); });
    std::erase_if(resources_, [&](const auto& kv) { return old(kv.second); });
    std::erase_if(async_ops_, [&](const auto& kv) { return old(kv.second); });
}

uint64_t World::build_update(uint64_t since, int64_t now, pb::instrument::Update* out) const {
    std::lock_guard lock(mu_);
    set_timestamp(out->mutable_now(), now);

    auto* tu = out->mutable_task_update();
    for (const auto& [id, t] : tasks_) {
        if (t.born > since) *tu->add_new_tasks() = t.proto;
        if (t.changed <= since) continue;
        pb::tasks::Stats& s = (*tu->mutable_stats_update())[id];
        set_timestamp(s.mutable_created_at(), t.created);
        if (t.dropped >= 0) set_timestamp(s.mutable_dropped_at(), t.dropped);
        s.set_wakes(t.wakes);
        s.set_waker_clones(t.clones);
        s.set_waker_drops(t.drops);
        if (t.last_wake >= 0) set_timestamp(s.mutable_last_wake(), t.last_wake);
        fill_polls(s.mutable_poll_stats(), t.polls);
        s.set_self_wakes(t.self_wakes);
        set_duration(s.mutable_scheduled_time(), t.scheduled);
    }

    auto* ru = out->mutable_resource_update();
    for (const auto& [id, r] : resources_) {
        if (r.born > since) *ru->add_new_resources() = r.proto;
        if (r.changed <= since) continue;
        pb::resources::Stats& s = (*ru->mutable_stats_update())[id];
        set_timestamp(s.mutable_created_at(), r.created);
        if (r.dropped >= 0) set_timestamp(s.mutable_dropped_at(), r.dropped);
        fill_attrs(s.mutable_attributes(), r.attributes, r.proto.metadata().id());
    }
    for (const auto& p : poll_ops_)
        if (p.seq > since) *ru->add_new_poll_ops() = p.item;

    auto* au = out->mutable_async_op_update();
    for (const auto& [id, a] : async_ops_) {
        if (a.born > since) *au->add_new_async_ops() = a.proto;
        if (a.changed <= since) continue;
        pb::async_ops::Stats& s = (*au->mutable_stats_update())[id];
        set_timestamp(s.mutable_created_at(), a.created);
        if (a.dropped >= 0) set_timestamp(s.mutable_dropped_at(), a.dropped);
        if (a.task) s.mutable_task_id()->set_id(a.task);
        fill_polls(s.mutable_poll_stats(), a.polls);
        fill_attrs(s.mutable_attributes(), a.attributes, a.proto.metadata().id());
    }

    for (const auto& d : dropped_) {
        if (d.seq <= since) continue;
        switch (d.item.first) {
        case Stream::Tasks: tu->set_dropped_events(tu->dropped_events() + d.item.second); break;
        case Stream::Resources: ru->set_dropped_events(ru->dropped_events() + d.item.second); break;
        case Stream::AsyncOps: au->set_dropped_events(au->dropped_events() + d.item.second); break;
        }
    }

    bool any_meta = false;
    for (const auto& m : metadata_) {
        if (m.seq > since) {
            *out->mutable_new_metadata()->add_metadata() = m.item;
            any_meta = true;
        }
    }
    if (since == 0 && !any_meta) out->mutable_new_metadata();
    return seq_;
}

bool World::task_details(uint64_t id, int64_t now, pb::tasks::TaskDetails* out) const {
    std::lock_guard lock(mu_);
    auto it = tasks_.find(id);
    if (it == tasks_.end()) return false;
    out->mutable_task_id()->set_id(id);
    set_timestamp(out->mutable_now(), now);
    it->second.poll_hist.to_proto(out->mutable_histogram());
    it->second.sched_hist.to_proto(out->mutable_scheduled_times_histogram());
    return true;
}

size_t World::live_tasks() const {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (const auto& kv : tasks_) n += kv.second.dropped < 0;
    return n;
}

size_t World::task_count() const {
    std::lock_guard lock(mu_);
    return tasks_.size();
}

}  // namespace peer
