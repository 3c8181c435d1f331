// The task list keeps what it works out from the model: the rows the
// filter keeps and the grouping are worked out again only for a new
// generation of the model, a new filter or grouping, or (for what reads
// durations) a new second of the clock; a frame with nothing new, or a
// key that only moves the selection, makes no pass.  The groups' sums,
// brought up to a later time without a pass, match a fresh grouping then.
// A list view keeps the window it drew while its source's order holds.
// Several applications' lists merge into one, once per generation.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "model/model.h"
#include "model/task_groups.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"
#include "tui/apps.h"
#include "tui/list_view.h"
#include "tui/task_list.h"
#include "tui/terminal.h"
#include "view/canvas.h"

namespace pb = rs::tokio::console;
using model::GroupBy;
using model::Nanos;
using tui::Cmd;
using namespace model_test;

namespace {

const Nanos kNow = kBase + 100 * kSec;

// Task `span` named `name` at `file`, created `age` before kNow; running
// (in a poll since 2 s before kNow) or idle, or done 1 s before kNow.
enum class St { Idle, Running, Scheduled, Done };

void add_task(pb::instrument::Update& u, uint64_t span, const char* name, const char* file) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(span);
    t->mutable_metadata()->set_id(1);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_str_val(name);
    t->mutable_location()->set_file(file);
    t->mutable_location()->set_line(1);
}

void add_stats(pb::instrument::Update& u, uint64_t span, Nanos age, St st, uint64_t polls) {
    auto& s = (*u.mutable_task_update()->mutable_stats_update())[span];
    ts(s.mutable_created_at(), kNow - age);
    auto* ps = s.mutable_poll_stats();
    ps->set_polls(polls);
    ts(ps->mutable_first_poll(), kNow - age + kMs);
    ts(ps->mutable_last_poll_started(), kNow - 2 * kSec);
    ts(ps->mutable_last_poll_ended(), st == St::Running ? kNow - 3 * kSec : kNow - kSec);
    dur(ps->mutable_busy_time(), age / 4);
    dur(s.mutable_scheduled_time(), age / 8);
    ts(s.mutable_last_wake(), st == St::Scheduled ? kNow - kSec / 2 : kNow - 3 * kSec);
    s.set_wakes(polls);
    s.set_waker_clones(1);
    if (st == St::Done) ts(s.mutable_dropped_at(), kNow - kSec);
}

std::unique_ptr<model::Model> make() {
    auto m = std::make_unique<model::Model>();
    pb::instrument::Update u;
    ts(u.mutable_now(), kNow);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(1);
    nm->mutable_metadata()->set_name("runtime.spawn");
    nm->mutable_metadata()->set_target("tokio::task");
    const char* files[] = {"src/server.rs", "src/db.rs", "src/cache.rs"};
    const char* names[] = {"conn", "db", "conn-pool"};
    St states[] = {St::Idle, St::Running, St::Scheduled, St::Done};
    for (uint64_t i = 1; i <= 24; i++) {
        add_task(u, i, names[i % 3], files[i % 3]);
        add_stats(u, i, static_cast<Nanos>(i) * 7 * kSec, states[i % 4], i);
    }
    m->apply(u, 0);
    return m;
}

// "filter/group/order" passes so far.
std::string passes(const tui::TaskList& l) {
    return std::to_string(l.filter_passes()) + "/" + std::to_string(l.group_passes()) + "/" +
           std::to_string(l.order_passes());
}

std::string draw(tui::TaskList& l, const model::Model& m, Nanos now) {
    view::DrawOptions o;
    view::Canvas c(120, 30, true);
    l.draw(c, 0, 30, m, now, o);
    std::string s;
    for (int y = 0; y < 30; y++) s += c.row_text(y) + "\n";
    return s;
}

void test_passes() {
    auto m = make();
    tui::TaskList list;
    view::DrawOptions o;
    tap::check(list.view().set_filter("conn"), "a filter");
    list.group_by(GroupBy::Location);
    Nanos now = kNow + 100 * kMs;
    std::string first = draw(list, *m, now);
    tap::check_eq(passes(list), std::string("1/1/1"), "the first frame filters, groups and orders once");
    now += 33 * kMs;
    tap::check_eq(draw(list, *m, now), first, "a second frame with nothing new draws the same");
    tap::check_eq(passes(list), std::string("1/1/1"), "and makes no pass");
    list.act(Cmd::Down, {tui::KeyDown}, *m, now, o);
    draw(list, *m, now);
    list.act(Cmd::Down, {'j'}, *m, now, o);
    draw(list, *m, now);
    list.act(Cmd::Up, {tui::KeyUp}, *m, now, o);
    draw(list, *m, now);
    tap::check_eq(passes(list), std::string("1/1/1"), "keys that move the selection make no pass");

    // A new second: the sums grow without a pass, the order by Total is
    // worked out again.
    now += 1500 * kMs;
    draw(list, *m, now);
    tap::check_eq(passes(list), std::string("1/1/2"), "a new second orders the groups by their times again, no more");

    // An update that carries only the time changes no row.
    uint64_t g = m->generation();
    pb::instrument::Update empty;
    ts(empty.mutable_now(), kNow + kSec);
    m->apply(empty, 0);
    tap::check_eq(m->generation(), g, "an update with nothing in it keeps the generation");
    draw(list, *m, now + 10 * kMs);
    tap::check_eq(passes(list), std::string("1/1/2"), "and makes no pass");

    pb::instrument::Update u;
    ts(u.mutable_now(), kNow + kSec);
    add_stats(u, 3, 21 * kSec, St::Running, 40);
    m->apply(u, 0);
    tap::check(m->generation() != g, "an update with stats is a new generation");
    draw(list, *m, now + 20 * kMs);
    tap::check_eq(passes(list), std::string("2/2/3"), "which filters, groups and orders once");
    draw(list, *m, now + 30 * kMs);
    tap::check_eq(passes(list), std::string("2/2/3"), "and once only");

    tap::check(list.view().set_filter("db"), "another filter");
    draw(list, *m, now + 40 * kMs);
    tap::check_eq(passes(list), std::string("3/3/4"), "a changed filter filters and groups again");
    list.act(Cmd::Invert, {'i'}, *m, now + 40 * kMs, o);
    draw(list, *m, now + 50 * kMs);
    tap::check_eq(passes(list), std::string("3/3/5"), "a changed direction orders again, no more");
    list.act(Cmd::ToggleAll, {'*'}, *m, now + 50 * kMs, o);
    draw(list, *m, now + 60 * kMs);
    tap::check_eq(passes(list), std::string("3/3/6"), "opening the groups orders again, no more");
    list.act(Cmd::Group, {'T'}, *m, now + 60 * kMs, o);
    draw(list, *m, now + 70 * kMs);
    tap::check_eq(passes(list), std::string("3/4/7"), "another grouping groups again");

    // A filter on a duration reads the clock: once a second.
    tap::check(list.view().set_filter("total>30s"), "a filter on a duration");
    draw(list, *m, now + 80 * kMs);
    draw(list, *m, now + 90 * kMs);
    tap::check_eq(list.filter_passes(), uint64_t(4), "it runs once within a second");
    draw(list, *m, now + 1100 * kMs);
    tap::check_eq(list.filter_passes(), uint64_t(5), "and again in the next");

    // A fresh model (a reconnect) is a new generation, never one seen.
    uint64_t before = m->generation();
    m->reset();
    tap::check(m->generation() > before, "a reset is a new generation");
}

// Totals brought to a later time equal the totals worked out then.
void test_advance() {
    auto m = make();
    for (GroupBy by : {GroupBy::Location, GroupBy::Name}) {
        model::TaskOutline a(m->tasks(), m->strings(), by, kNow, nullptr);
        Nanos later = kNow + 3 * kSec + 17;
        tap::check(later < a.valid_until(), "the sums grow steadily for a while");
        a.advance(later);
        model::TaskOutline b(m->tasks(), m->strings(), by, later, nullptr);
        bool same = a.nodes().size() == b.nodes().size();
        for (size_t i = 0; same && i < a.nodes().size(); i++) {
            const auto& x = a.nodes()[i].totals;
            const auto& y = b.nodes()[i].totals;
            same = x.total == y.total && x.busy == y.busy && x.sched == y.sched && x.idle == y.idle;
        }
        tap::check(same, std::string("advanced sums match a fresh grouping, by ") + model::group_by_name(by));
    }
}

// A source of `n` rows in their own order, counting the windows asked of it.
class CountingSource : public view::ListSource {
public:
    explicit CountingSource(uint32_t n) : n_(n) {}
    const std::vector<view::ListColumn>& columns() const override {
        static const std::vector<view::ListColumn> cols = {{"Row", 1, true, 0}};
        return cols;
    }
    size_t size() const override { return n_; }
    std::vector<uint32_t> window(int, bool, size_t& first, size_t count) const override {
        windows++;
        if (first + count > n_) first = n_ > count ? n_ - count : 0;
        std::vector<uint32_t> ids;
        for (size_t i = first; i < first + count && i < n_; i++) ids.push_back(static_cast<uint32_t>(i));
        return ids;
    }
    long rank(int, bool, uint64_t key) const override { return key && key <= n_ ? static_cast<long>(key - 1) : -1; }
    uint64_t key(uint32_t row) const override { return row + 1; }
    view::ListRow row(uint32_t row) const override {
        view::ListRow r;
        r.cells = {std::to_string(row)};
        r.styles = {view::Style::Normal};
        return r;
    }
    std::optional<view::OrderStamp> order_stamp(int) const override { return stamp; }

    view::OrderStamp stamp{1, 0, 0, -1};
    mutable int windows = 0;

private:
    uint32_t n_;
};

void test_window() {
    CountingSource src(1000);
    tui::ListView view;
    view::Canvas c(40, 12, true);
    view.draw(c, 0, 12, src, "");
    int first = src.windows;
    view.draw(c, 0, 12, src, "");
    tap::check_eq(src.windows, first, "a second frame takes the window it kept");
    view.act(Cmd::Down, src);
    view.act(Cmd::Down, src);
    view.draw(c, 0, 12, src, "");
    tap::check_eq(src.windows, first, "moving within it asks for no window");
    tap::check_eq(view.selected(), uint64_t(3), "and moves the selection");
    src.stamp.generation = 2;
    view.draw(c, 0, 12, src, "");
    tap::check_eq(src.windows, first + 1, "a new generation asks again");
    view.act(Cmd::PageDown, src);
    view.draw(c, 0, 12, src, "");
    tap::check(src.windows > first + 1, "and so does a move past the window");
}

// Several applications: one list of both, an App column first and IDs as
// app/ID, merged once per generation; the filter by app; a row's
// application found from its key; grouped by app, a header row each.
// A row of the canvas without the gutter (">> " on the selected row).
std::string line_at(const view::Canvas& c, int y) {
    std::string t = c.row_text(y);
    return t.size() > 3 ? t.substr(3) : t;
}

// The row of the list's column titles; -1: none.
int titles_row(const view::Canvas& c) {
    for (int y = 0; y < c.height(); y++)
        if (line_at(c, y).rfind("App ", 0) == 0) return y;
    return -1;
}

void test_merged() {
    auto a = make(), b = make();
    Nanos now = kNow + 100 * kMs;
    tui::Apps apps = {{3, "web", a.get(), now}, {7, "api", b.get(), now}};
    tui::TaskList list;
    view::DrawOptions o;
    // Each frame on a new canvas.
    auto frame = [&]() {
        view::Canvas c(120, 30, true);
        list.draw(c, 0, 30, apps, o);
        return c;
    };
    view::Canvas c = frame();
    tap::check(c.row_text(0).rfind("Tasks (48)", 0) == 0, "every application's tasks: " + c.row_text(0));
    int t = titles_row(c);
    tap::check(t > 0, "the App column comes first");
    std::string first = line_at(c, t + 1);
    tap::check((first.rfind("api ", 0) == 0 && first.find("api/") != std::string::npos) ||
                   (first.rfind("web ", 0) == 0 && first.find("web/") != std::string::npos),
               "a row names its app, its ID as app/ID: " + first);
    bool web = false, api = false;
    for (int y = t + 1; y < 30; y++) {
        web |= line_at(c, y).rfind("web ", 0) == 0;
        api |= line_at(c, y).rfind("api ", 0) == 0;
    }
    tap::check(web && api, "both applications' rows in the same list");
    c = frame();
    list.act(Cmd::Down, {tui::KeyDown}, apps, o);
    c = frame();
    tap::check_eq(list.merge_passes(), uint64_t{1}, "merged once: a frame or a move with nothing new merges nothing");
    std::optional<tui::Picked> p = list.picked(apps, o);
    std::string sel;
    for (int y = t + 1; y < 30; y++)
        if (c.row_text(y).rfind(">> ", 0) == 0) sel = line_at(c, y);
    tap::check(p && p->slot == (sel.rfind("api", 0) == 0 ? 7u : 3u), "the selected row's application: " + sel);
    tap::check(p && apps[p->slot == 7 ? 1 : 0].model->tasks().find(p->key), "its task, in its own model");
    tap::check(list.view().set_filter("app:web"), "a filter by app");
    c = frame();
    tap::check(c.row_text(0).rfind("Tasks (24 of 48) /app:web", 0) == 0, "keeps one application's: " + c.row_text(0));
    bool only = true;
    for (int y = titles_row(c) + 1; y < 30; y++)
        if (line_at(c, y).find_first_not_of(' ') != std::string::npos && line_at(c, y).rfind("web ", 0) != 0)
            only = false;
    tap::check(only, "its rows only");
    list.view().set_filter("");
    list.act(Cmd::Group, {'T'}, apps, o);
    list.act(Cmd::Top, {tui::KeyHome}, apps, o);
    c = frame();
    tap::check(c.row_text(0).find(" by app ") != std::string::npos, "T: by app");
    std::string head = line_at(c, titles_row(c) + 1);
    tap::check(head.find("api: 24 tasks") != std::string::npos, "a header row for each, by name: " + head);
}

}  // namespace

int main() {
    test_passes();
    test_advance();
    test_window();
    test_merged();
    return tap::done();
}
