#include "model/poll_ops.h"

#include <algorithm>

namespace model {

namespace pb = rs::tokio::console::resources;

void PollOps::apply(const google::protobuf::RepeatedPtrField<pb::PollOp>& ops, StringPool& strings, Nanos at) {
    for (const auto& op : ops) {
        // Without both ends there is nothing to link.
        if (!op.has_task_id() || !op.has_resource_id()) continue;
        uint64_t task = op.task_id().id(), res = op.resource_id().id();
        auto [it, fresh] = by_resource_[res].try_emplace(task);
        PollLink& l = it->second;
        if (fresh) {
            size_++;
            l.task_span = task;
            l.resource_span = res;
            by_task_[task].push_back(res);
        }
        uint64_t async_op = op.has_async_op_id() ? op.async_op_id().id() : 0;
        if (fresh || l.ready != op.is_ready() || l.async_op_span != async_op) l.run_seen = at;
        l.async_op_span = async_op;
        l.name = strings.intern(op.name());
        l.ready = op.is_ready();
        l.last_seen = at;
        l.polls++;
        l.seq = ++seq_;
    }
}

void PollOps::mark_strings(StringPool& strings) const {
    for (const auto& [res, links] : by_resource_)
        for (const auto& [task, l] : links) strings.mark(l.name);
}

std::vector<PollLink> PollOps::of_resource(uint64_t resource_span) const {
    std::vector<PollLink> out;
    auto it = by_resource_.find(resource_span);
    if (it == by_resource_.end()) return out;
    for (const auto& [task, l] : it->second) out.push_back(l);
    std::sort(out.begin(), out.end(), [](const PollLink& a, const PollLink& b) { return a.task_span < b.task_span; });
    return out;
}

std::vector<PollLink> PollOps::of_task(uint64_t task_span) const {
    std::vector<PollLink> out;
    auto it = by_task_.find(task_span);
    if (it == by_task_.end()) return out;
    for (uint64_t res : it->second) out.push_back(by_resource_.at(res).at(task_span));
    std::sort(out.begin(), out.end(),
              [](const PollLink& a, const PollLink& b) { return a.resource_span < b.resource_span; });
    return out;
}

void PollOps::forget_task(uint64_t task_span) {
    auto it = by_task_.find(task_span);
    if (it == by_task_.end()) return;
    for (uint64_t res : it->second) {
        auto r = by_resource_.find(res);
        if (r == by_resource_.end()) continue;
        size_ -= r->second.erase(task_span);
        if (r->second.empty()) by_resource_.erase(r);
    }
    by_task_.erase(it);
}

void PollOps::forget_resource(uint64_t resource_span) {
    auto it = by_resource_.find(resource_span);
    if (it == by_resource_.end()) return;
    for (const auto& [task, l] : it->second) {
        auto t = by_task_.find(task);
        if (t == by_task_.end()) continue;
        auto& v = t->second;
        v.erase(std::remove(v.begin(), v.end(), resource_span), v.end());
        if (v.empty()) by_task_.erase(t);
    }
    size_ -= it->second.size();
    by_resource_.erase(it);
}

}  // namespace model
