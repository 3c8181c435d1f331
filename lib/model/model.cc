#include "model/model.h"

#include <algorithm>
#include <atomic>

namespace model {

namespace pb = rs::tokio::console;

namespace {

// One count for every model of the process, so that two models (a test's,
// a fresh one after a reset) never share a generation.
std::atomic<uint64_t> generations{0};

}  // namespace

// Part way through an update the generation holds: what a view worked
// out from the model (the rows a filter keeps, their order) stays valid
// until the update is whole, and only then is worked out again.
void Model::bump() {
    if (updating_) {
        changed_in_update_ = true;
        return;
    }
    generation_ = ++generations;
}

Model::Model(LintConfig lints, std::optional<Nanos> retain_for, size_t history_capacity)
    : history_(history_capacity), lints_(lints), retain_for_(retain_for) {
    bump();
}

// Hands the reader's pieces to the model.
class Model::Applier : public tokio_console::view::UpdateReader::Visitor {
public:
    explicit Applier(Model& m) : m_(m) {}
    void new_tasks(size_t n) override { m_.tasks_.reserve_new(n); }
    void now(const google::protobuf::Timestamp& t) override { m_.apply_now(t); }
    void metadata(const pb::common::RegisterMetadata& md) override { m_.metas_.add(md, m_.strings_); }
    void tasks(const tokio_console::view::TaskUpdate& p) override { m_.apply_tasks(p); }
    void task_stats(const tokio_console::view::TaskStatsRun& r) override { m_.apply_task_stats(r); }
    void resources(const tokio_console::view::ResourceUpdate& p) override { m_.apply_resources(p); }
    void async_ops(const tokio_console::view::AsyncOpUpdate& p) override { m_.apply_async_ops(p); }

private:
    Model& m_;
};

bool Model::apply_encoded(std::string_view bytes, Nanos local_ns) {
    if (!reader_) reader_ = std::make_unique<tokio_console::view::UpdateReader>();
    begin_update(local_ns);
    Applier applier(*this);
    bool ok = reader_->read(bytes, applier);
    end_update();
    return ok;
}

void Model::apply_part(const tokio_console::view::ParsedPiece* piece, bool first, bool last, Nanos local_ns,
                       Close close) {
    if (first) {
        if (updating_) close_update();  // the last part of the one before never came, or it settles
        begin_update(local_ns);
        updating_ = true;
    }
    if (!updating_) return;  // a stray part, after a reset
    if (piece) {
        Applier applier(*this);
        if (first) applier.new_tasks(piece->update_new_tasks);
        tokio_console::view::UpdateReader::visit(piece->piece, applier);
    }
    if (!last) return;
    if (close == Close::InSteps)
        settling_ = true;
    else
        close_update();
}

bool Model::settle(size_t rows) {
    if (!settling_) return true;
    if (!tasks_.settle(rows)) return false;
    close_update();
    return true;
}

void Model::close_update() {
    updating_ = settling_ = false;
    end_update();
    if (changed_in_update_) bump();
    changed_in_update_ = false;
}

void Model::apply(const pb::instrument::Update& u, Nanos local_ns) {
    apply_encoded(u.SerializeAsString(), local_ns);
}

void Model::apply(const tokio_console::view::Update& u, Nanos local_ns) {
    begin_update(local_ns);
    if (u.has_now()) apply_now(u.now());
    if (u.has_new_metadata()) metas_.add(u.new_metadata(), strings_);
    if (u.has_task_update()) apply_tasks(u.task_update());
    if (u.has_resource_update()) apply_resources(u.resource_update());
    if (u.has_async_op_update()) apply_async_ops(u.async_op_update());
    end_update();
}

// An update bumps the generation only for what it changes: the updates
// of an application where nothing happens carry only the time, and the
// rows the view works out from the model stay as they were.
void Model::begin_update(Nanos local_ns) {
    local_at_update_ = local_ns;
    // The first update after a connect carries every task's whole past;
    // counting it as one interval's polls would spike the history.
    first_update_ = updates_ == 0;
    update_has_tasks_ = false;
    updates_++;
}

void Model::apply_now(const google::protobuf::Timestamp& now) {
    Nanos n = from_proto(now);
    if (n > server_now_) server_now_ = n;
}

void Model::apply_tasks(const tokio_console::view::TaskUpdate& piece) {
    if (!update_has_tasks_) tasks_.begin_update();
    update_has_tasks_ = true;
    if (piece.new_tasks_size() || piece.stats_update_size()) bump();
    tasks_.apply_piece(piece, metas_, strings_, server_now_, lints_);
    dropped_.add(EventKind::Tasks, piece.dropped_events());
}

void Model::apply_task_stats(const tokio_console::view::TaskStatsRun& run) {
    if (!update_has_tasks_) tasks_.begin_update();
    update_has_tasks_ = true;
    if (run.size) bump();
    tasks_.apply_stats(run.values, run.size, server_now_, lints_);
}

void Model::apply_resources(const tokio_console::view::ResourceUpdate& piece) {
    if (piece.new_resources_size() || piece.stats_update_size() || piece.new_poll_ops_size()) bump();
    resources_.apply(piece, metas_, strings_);
    poll_ops_.apply(piece.new_poll_ops(), strings_, server_now_);
    dropped_.add(EventKind::Resources, piece.dropped_events());
}

// After the resources, so that a new op's resource id is the one the
// resource was given.
void Model::apply_async_ops(const tokio_console::view::AsyncOpUpdate& piece) {
    if (piece.new_async_ops_size() || piece.stats_update_size()) bump();
    async_ops_.apply(piece, metas_, strings_, resources_);
    dropped_.add(EventKind::AsyncOps, piece.dropped_events());
}

void Model::end_update() {
    if (update_has_tasks_ && tasks_.finish_update(server_now_, lints_)) bump();
    // An update while unpausing means the server has resumed sending.
    if (temporality_ == Temporality::Unpausing) temporality_ = Temporality::Live;
    if (!paused()) expire();
    if (strings_.wants_sweep()) collect_strings();
    bool counted = !first_update_ && update_has_tasks_;
    uint64_t polls = counted ? tasks_.last_polls() : 0;
    uint64_t wakes = counted ? tasks_.last_wakes() : 0;
    HistorySample s;
    s.now = server_now_;
    auto c = tasks_.count_by_state();
    s.running = static_cast<uint32_t>(c[0]);
    s.scheduled = static_cast<uint32_t>(c[1]);
    s.idle = static_cast<uint32_t>(c[2]);
    s.done = static_cast<uint32_t>(c[3]);
    s.resources = static_cast<uint32_t>(resources_.size());
    s.async_ops = static_cast<uint32_t>(async_ops_.size());
    s.dropped = dropped_.total() - dropped_before_;
    dropped_before_ = dropped_.total();
    history_.push(s, polls, wakes);
}

void Model::expire() {
    std::vector<uint64_t> gone;
    tasks_.retain(server_now_, retain_for_, &gone);
    for (uint64_t t : gone) poll_ops_.forget_task(t);
    bool dropped = !gone.empty();
    gone.clear();
    resources_.retain(server_now_, retain_for_, &gone);
    for (uint64_t r : gone) poll_ops_.forget_resource(r);
    size_t ops = async_ops_.size();
    async_ops_.retain(server_now_, retain_for_);
    if (dropped || !gone.empty() || async_ops_.size() != ops) bump();
}

void Model::apply_state(bool paused) {
    temporality_ = paused ? Temporality::Paused : Temporality::Live;
}

void Model::apply_pause_result(bool pause, bool ok) {
    if (!ok)
        temporality_ = pause ? Temporality::Live : Temporality::Paused;
    else if (!state_reported_)
        temporality_ = pause ? Temporality::Paused : Temporality::Live;
    // Otherwise WatchState confirms.
}

void Model::apply_details(TaskDetails d, Nanos local_ns) {
    if (!d.has_task_id) return;
    bump();
    if (d.poll_times.ok()) {
        uint64_t p99_ns = d.poll_times.at(99);
        uint64_t us = std::min<uint64_t>(p99_ns / 1000, UINT32_MAX);
        tasks_.set_long_poll(d.task_id, static_cast<uint32_t>(us), now(local_ns), lints_);
    }
    auto same = [&](const TaskDetails& o) { return o.task_id == d.task_id; };
    details_.erase(std::remove_if(details_.begin(), details_.end(), same), details_.end());
    if (details_.size() >= kMaxDetailTasks) details_.erase(details_.begin());
    details_.push_back(std::move(d));
}

const TaskDetails* Model::task_details(uint64_t span) const {
    for (const TaskDetails& d : details_)
        if (d.task_id == span) return &d;
    return nullptr;
}

void Model::keep_details_of(const std::vector<uint64_t>& spans) {
    auto gone = [&](const TaskDetails& d) { return std::find(spans.begin(), spans.end(), d.task_id) == spans.end(); };
    auto from = std::remove_if(details_.begin(), details_.end(), gone);
    if (from == details_.end()) return;
    details_.erase(from, details_.end());
    bump();
}

void Model::set_lint_config(const LintConfig& lints) {
    lints_ = lints;
    bump();
    tasks_.relint_all(server_now_, lints_);
}

void Model::reset() {
    // A fresh model with the same settings, not an emptied one: an emptied
    // vector keeps its memory, and a new process may be much smaller than
    // the last.  Only the reader's scratch is kept.
    Model fresh(lints_, retain_for_, history_.capacity());
    fresh.reader_ = std::move(reader_);
    *this = std::move(fresh);
}

void Model::tick(Nanos local_ns) {
    if (paused() || !server_now_) return;
    if (tasks_.relint(now(local_ns), lints_)) bump();
}

Nanos Model::now(Nanos local_ns) const {
    if (!server_now_) return 0;
    if (paused()) return server_now_;
    return server_now_ + since(local_ns, local_at_update_);
}

const char* temporality_name(Temporality t) {
    switch (t) {
    case Temporality::Live: return "live";
    case Temporality::Pausing: return "pausing";
    case Temporality::Paused: return "paused";
    case Temporality::Unpausing: return "unpausing";
    }
    return "?";
}

}  // namespace model
