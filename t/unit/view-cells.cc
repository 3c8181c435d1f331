// Each list's cells come from its field table: every column has a
// function that draws its cell, and a row made of them reads and looks
// as the lists have always drawn it (a sample task, resource and async
// op, in colour and dimmed when done).
#include <memory>
#include <string>

#include "instrument.pb.h"
#include "model/model.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"
#include "view/fields.h"
#include "view/resource_source.h"
#include "view/task_source.h"

namespace pb = rs::tokio::console;
using model::Nanos;
using namespace model_test;

namespace {

const Nanos kNow = kBase + 100 * kSec;

// The rows as the lists drew them before their cells came from the tables.
#define ROW_CONN                                                                                         \
    "[|0][1|0][⏸|0][conn|0][1m05s|16][16s|15][8s|15][41s|15][3|0][task|0][src/server.rs:12|0][peer=7 " \
    "target=tokio::task|0|peer:19|=:20|7:21| :0|target:19|=:20|tokio::task:21]"
#define ROW_DB                                                                                         \
    "[|2][2|2][⏹|2][db|2][2s|2][750ms|2][375ms|2][875ms|2][3|2][task|2][src/server.rs:12|2][peer=7 " \
    "target=tokio::task|2]"
#define ROW_RES                                                                           \
    "[1|0][n/a|0][Sync|0][1m05s|16][tokio::sync::semaphore|0][Semaphore|0][🔒|23][src/" \
    "db.rs:3|0][permits=4|0|permits:19|=:20|4:21]"
#define ROW_OP "[1|0][n/a|0][1 (conn)|0][Semaphore::acquire|0][5s|15][1ms|14][5s|15][2|0][|0]"
#define ROW_CONN_PLAIN                                                                                \
    "[|0][1|0][IDLE|0][conn|0][1m05s|0][16s|0][8s|0][41s|0][3|0][task|0][src/server.rs:12|0][peer=7 " \
    "target=tokio::task|0|peer:19|=:20|7:21| :0|target:19|=:20|tokio::task:21]"

void add_task(pb::instrument::Update& u, uint64_t span, const char* name, Nanos age, bool done) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(span);
    t->mutable_metadata()->set_id(1);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_str_val(name);
    f = t->add_fields();
    f->set_str_name("peer");
    f->set_u64_val(7);
    t->mutable_location()->set_file("src/server.rs");
    t->mutable_location()->set_line(12);
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - age);
    auto* ps = s.mutable_poll_stats();
    ps->set_polls(3);
    ts(ps->mutable_first_poll(), kNow - age + kMs);
    ts(ps->mutable_last_poll_started(), kNow - 2 * kSec);
    ts(ps->mutable_last_poll_ended(), kNow - kSec);
    dur(ps->mutable_busy_time(), age / 4);
    dur(s.mutable_scheduled_time(), age / 8);
    s.set_wakes(3);
    s.set_waker_clones(1);
    if (done) ts(s.mutable_dropped_at(), kNow - kSec);
}

void add_resource(pb::instrument::Update& u, uint64_t span) {
    auto* r = u.mutable_resource_update()->add_new_resources();
    r->mutable_id()->set_id(span);
    r->mutable_metadata()->set_id(2);
    r->set_concrete_type("Semaphore");
    r->mutable_kind()->set_other("Sync");
    r->set_is_internal(true);
    auto* a = r->mutable_location();
    a->set_file("src/db.rs");
    a->set_line(3);
    auto& s = (*u.mutable_resource_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - 65 * kSec);
    auto* at = s.add_attributes();
    at->mutable_field()->set_str_name("permits");
    at->mutable_field()->set_u64_val(4);
    auto* op = u.mutable_async_op_update()->add_new_async_ops();
    op->mutable_id()->set_id(span + 100);
    op->mutable_resource_id()->set_id(span);
    op->set_source("Semaphore::acquire");
    auto& os = (*u.mutable_async_op_update()->mutable_stats_update())[span + 100];
    ts(os.mutable_created_at(), kNow - 5 * kSec);
    os.mutable_task_id()->set_id(1);
    auto* ops = os.mutable_poll_stats();
    ops->set_polls(2);
    dur(ops->mutable_busy_time(), kMs);
}

std::unique_ptr<model::Model> make() {
    auto m = std::make_unique<model::Model>();
    pb::instrument::Update u;
    ts(u.mutable_now(), kNow);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(1);
    nm->mutable_metadata()->set_name("runtime.spawn");
    nm->mutable_metadata()->set_target("tokio::task");
    nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(2);
    nm->mutable_metadata()->set_target("tokio::sync::semaphore");
    add_task(u, 1, "conn", 65 * kSec, false);
    add_task(u, 2, "db", 3 * kSec, true);
    add_resource(u, 9);
    m->apply(u, 0);
    return m;
}

// A row's cells, each "text" and its style's number, then its spans.
std::string shown(const view::ListRow& r) {
    std::string s;
    for (size_t i = 0; i < r.cells.size(); i++) {
        s += "[" + r.cells[i] + "|" + std::to_string(static_cast<int>(r.styles[i]));
        if (i < r.spans.size())
            for (const view::Span& p : r.spans[i]) s += "|" + p.text + ":" + std::to_string(static_cast<int>(p.style));
        s += "]";
    }
    return s;
}

void check_every_column_draws(const char* what, std::span<const view::Field> fields) {
    bool all = true;
    for (const view::Field* f : view::columns(fields))
        if (!f->cell) all = false;
    tap::check(all, std::string(what) + ": every column has a function that draws its cell");
}

}  // namespace

int main() {
    check_every_column_draws("tasks", view::task_fields());
    check_every_column_draws("resources", view::resource_fields());
    check_every_column_draws("async ops", view::async_op_fields());
    check_every_column_draws("warnings", view::warning_fields());

    auto m = make();
    view::DrawOptions o;
    view::TaskSource tasks(*m, kNow, o);
    const auto& t = m->tasks();
    uint32_t conn = 0, db = 0;
    for (uint32_t r = 0; r < t.size(); r++) (t.row(r).span_id == 1 ? conn : db) = r;
    tap::check_eq(shown(tasks.row(conn)), std::string(ROW_CONN), "a task's row, cell by cell");
    tap::check_eq(shown(tasks.row(db)), std::string(ROW_DB), "a finished task's row, dimmed");
    view::ResourceSource res(*m, kNow, o);
    tap::check_eq(shown(res.row(0)), std::string(ROW_RES), "a resource's row");
    view::AsyncOpSource ops(*m, kNow, o, 0);
    tap::check_eq(shown(ops.row(0)), std::string(ROW_OP), "an async op's row");
    o.duration_colors = false;
    o.ascii = true;
    tap::check_eq(shown(tasks.row(conn)), std::string(ROW_CONN_PLAIN), "in ASCII, durations uncoloured");
    return tap::done();
}
