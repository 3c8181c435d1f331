// Synthesizes a full Update from the model (see snapshot.h).
#include "model/snapshot.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "proto/time_values.h"

namespace model {

namespace {

namespace ipb = rs::tokio::console::instrument;
namespace cpb = rs::tokio::console::common;
namespace tpb = rs::tokio::console::tasks;
namespace rpb = rs::tokio::console::resources;
namespace apb = rs::tokio::console::async_ops;

class Builder {
public:
    Builder(const Model& m, ipb::Update& u) : m_(m), u_(u) {}

    // Every metadata the model knows, under its own id, so that later
    // updates that name them still resolve.
    void metadata() {
        const StringPool& s = m_.strings();
        for (const auto& [id, md] : m_.metadata().all()) {
            auto* nm = u_.mutable_new_metadata()->add_metadata();
            nm->mutable_id()->set_id(id);
            auto* p = nm->mutable_metadata();
            p->set_name(std::string(s.get(md.name)));
            p->set_target(std::string(s.get(md.target)));
            p->set_module_path(std::string(s.get(md.module_path)));
            if (md.location) p->mutable_location()->set_module_path(std::string(s.get(md.location)));
            p->set_kind(md.kind ? cpb::Metadata::EVENT : cpb::Metadata::SPAN);
            p->set_level(static_cast<cpb::Metadata::Level>(md.level));
            for (StrId f : md.field_names) p->add_field_names(std::string(s.get(f)));
            by_target_.emplace(md.target, id);
        }
    }

    // The latest poll op of each task and resource, in the order they
    // came: what a task waits on, and who last took a lock, survive a seek.
    void poll_ops() {
        std::vector<PollLink> links;
        m_.poll_ops().each([&](const PollLink& l) { links.push_back(l); });
        std::sort(links.begin(), links.end(), [](const PollLink& x, const PollLink& y) { return x.seq < y.seq; });
        for (const PollLink& l : links) {
            auto* p = u_.mutable_resource_update()->add_new_poll_ops();
            p->mutable_task_id()->set_id(l.task_span);
            p->mutable_resource_id()->set_id(l.resource_span);
            if (l.async_op_span) p->mutable_async_op_id()->set_id(l.async_op_span);
            p->set_name(std::string(m_.strings().get(l.name)));
            p->set_is_ready(l.ready);
        }
    }

    // A metadata with this target, for the tasks (which keep only it).
    void meta_for(StrId target, cpb::MetaId* out) {
        auto it = by_target_.find(target);
        if (it != by_target_.end()) out->set_id(it->second);
    }

    void location(StrId loc, cpb::Location* out) {
        std::string_view s = m_.strings().get(loc);
        if (!loc || s == "<unknown location>") return;
        out->set_module_path(std::string(s));  // shown as is
    }

    void field(const Field& f, cpb::Field* out) {
        const StringPool& s = m_.strings();
        out->set_str_name(std::string(s.get(f.name)));
        const FieldValue& v = f.value;
        switch (v.kind) {
        case FieldValue::Kind::Debug: out->set_debug_val(std::string(s.get(v.text))); break;
        case FieldValue::Kind::Str: out->set_str_val(std::string(s.get(v.text))); break;
        case FieldValue::Kind::U64: out->set_u64_val(v.u); break;
        case FieldValue::Kind::I64: out->set_i64_val(v.i); break;
        case FieldValue::Kind::Bool: out->set_bool_val(v.u != 0); break;
        }
    }

    void attribute(const Field& f, cpb::Attribute* out) {
        field(f, out->mutable_field());
        if (f.unit) out->set_unit(std::string(m_.strings().get(f.unit)));
    }

    void task(const Task& t);
    void resource(const Resource& r);
    void async_op(const AsyncOp& a);

private:
    const Model& m_;
    ipb::Update& u_;
    std::unordered_map<StrId, uint64_t> by_target_;
};

using proto_time::set_duration;
using proto_time::set_timestamp;

void Builder::task(const Task& t) {
    const StringPool& s = m_.strings();
    auto* p = u_.mutable_task_update()->add_new_tasks();
    p->mutable_id()->set_id(t.span_id);
    meta_for(t.target, p->mutable_metadata());
    p->set_kind(t.blocking ? tpb::Task::BLOCKING : tpb::Task::SPAWN);
    location(t.location, p->mutable_location());
    if (!p->location().has_module_path()) p->clear_location();
    if (t.name) {
        auto* f = p->add_fields();
        f->set_str_name("task.name");
        f->set_str_val(std::string(s.get(t.name)));
    }
    if (t.has_task_id) {
        auto* f = p->add_fields();
        f->set_str_name("task.id");
        f->set_u64_val(t.id);
    }
    if (t.kind) {
        auto* f = p->add_fields();
        f->set_str_name("kind");
        f->set_str_val(std::string(s.get(t.kind)));
    }
    for (const Field& f : t.fields) field(f, p->add_fields());
    for (uint64_t parent : t.parents) p->add_parents()->set_id(parent);
    if (!t.has_stats) return;
    const TaskStats& st = t.stats;
    tpb::Stats& o = (*u_.mutable_task_update()->mutable_stats_update())[t.span_id];
    if (st.created_at) set_timestamp(st.created_at, o.mutable_created_at());
    if (st.dropped_at) set_timestamp(st.dropped_at, o.mutable_dropped_at());
    if (st.last_wake) set_timestamp(st.last_wake, o.mutable_last_wake());
    o.set_wakes(st.wakes);
    o.set_waker_clones(st.waker_clones);
    o.set_waker_drops(st.waker_drops);
    o.set_self_wakes(st.self_wakes);
    set_duration(st.scheduled, o.mutable_scheduled_time());
    auto* ps = o.mutable_poll_stats();
    ps->set_polls(st.polls);
    if (st.first_poll) set_timestamp(st.first_poll, ps->mutable_first_poll());
    if (st.last_poll_started) set_timestamp(st.last_poll_started, ps->mutable_last_poll_started());
    if (st.last_poll_ended) set_timestamp(st.last_poll_ended, ps->mutable_last_poll_ended());
    set_duration(st.busy, ps->mutable_busy_time());
}

void Builder::resource(const Resource& r) {
    const StringPool& s = m_.strings();
    auto* p = u_.mutable_resource_update()->add_new_resources();
    p->mutable_id()->set_id(r.span_id);
    if (r.meta_id) p->mutable_metadata()->set_id(r.meta_id);
    p->set_concrete_type(std::string(s.get(r.concrete_type)));
    if (s.get(r.kind) == "Timer")
        p->mutable_kind()->set_known(rpb::Resource::Kind::TIMER);
    else
        p->mutable_kind()->set_other(std::string(s.get(r.kind)));
    location(r.location, p->mutable_location());
    if (!p->location().has_module_path()) p->clear_location();
    if (r.parent_span) p->mutable_parent_resource_id()->set_id(r.parent_span);
    p->set_is_internal(r.visibility == Visibility::Internal);
    if (!r.has_stats) return;
    rpb::Stats& o = (*u_.mutable_resource_update()->mutable_stats_update())[r.span_id];
    if (r.created_at) set_timestamp(r.created_at, o.mutable_created_at());
    if (r.dropped_at) set_timestamp(r.dropped_at, o.mutable_dropped_at());
    for (const Field& f : r.attributes) attribute(f, o.add_attributes());
}

void Builder::async_op(const AsyncOp& a) {
    auto* p = u_.mutable_async_op_update()->add_new_async_ops();
    p->mutable_id()->set_id(a.span_id);
    p->set_source(std::string(m_.strings().get(a.source)));
    if (a.meta_id) p->mutable_metadata()->set_id(a.meta_id);
    if (a.parent_span) p->mutable_parent_async_op_id()->set_id(a.parent_span);
    if (a.resource_span) p->mutable_resource_id()->set_id(a.resource_span);
    if (!a.has_stats) return;
    apb::Stats& o = (*u_.mutable_async_op_update()->mutable_stats_update())[a.span_id];
    if (a.created_at) set_timestamp(a.created_at, o.mutable_created_at());
    if (a.dropped_at) set_timestamp(a.dropped_at, o.mutable_dropped_at());
    if (a.task_span) o.mutable_task_id()->set_id(a.task_span);
    auto* ps = o.mutable_poll_stats();
    ps->set_polls(a.polls);
    if (a.first_poll) set_timestamp(a.first_poll, ps->mutable_first_poll());
    if (a.last_poll_started) set_timestamp(a.last_poll_started, ps->mutable_last_poll_started());
    if (a.last_poll_ended) set_timestamp(a.last_poll_ended, ps->mutable_last_poll_ended());
    set_duration(a.busy_time, ps->mutable_busy_time());
    for (const Field& f : a.attributes) attribute(f, o.add_attributes());
}

}  // namespace

ipb::Update snapshot(const Model& m) {
    ipb::Update u;
    set_timestamp(m.last_update_now(), u.mutable_now());
    Builder b(m, u);
    b.metadata();
    for (size_t i = 0; i < m.tasks().size(); ++i) b.task(m.tasks().row(i));
    std::vector<const Resource*> res;
    for (size_t i = 0; i < m.resources().size(); ++i) res.push_back(&m.resources().row(i));
    std::sort(res.begin(), res.end(), [](const Resource* x, const Resource* y) { return x->id < y->id; });
    for (const Resource* r : res) b.resource(*r);
    // In the order of their display numbers, which a model gives out as
    // it first sees each one.
    std::vector<const AsyncOp*> ops;
    for (size_t i = 0; i < m.async_ops().size(); ++i) ops.push_back(&m.async_ops().row(i));
    std::sort(ops.begin(), ops.end(), [](const AsyncOp* x, const AsyncOp* y) { return x->id < y->id; });
    for (const AsyncOp* a : ops) b.async_op(*a);
    b.poll_ops();
    return u;
}

}  // namespace model
