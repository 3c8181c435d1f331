// The filter language on hand-made tasks, resources and async ops: every
// kind of term, negation, alternatives, units, and the errors a filter
// line shows.
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "model/filter.h"
#include "model/model.h"
#include "model/task_order.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"
#include "view/filter_keys.h"

namespace pb = rs::tokio::console;
using model::FilterTable;
using model::Nanos;
using namespace model_test;

namespace {

const Nanos kNow = kBase + 10 * kSec;

struct Spec {
    uint64_t span;
    const char* name;
    const char* file;
    uint64_t polls;
    Nanos busy;
    int shape;  // 0 idle, 1 running, 2 done, 3 lost waker, 4 scheduled
};

void add_task(pb::instrument::Update& u, const Spec& s) {
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(s.span);
    t->mutable_metadata()->set_id(77);
    auto* f = t->add_fields();
    f->set_str_name("task.name");
    f->set_str_val(s.name);
    f = t->add_fields();
    f->set_str_name("task.id");
    f->set_u64_val(s.span);
    f = t->add_fields();
    f->set_str_name("peer.addr");
    f->set_str_val("10.0.0." + std::to_string(s.span));
    f = t->add_fields();
    f->set_str_name("retries");
    f->set_u64_val(s.span * 100);
    if (s.shape == 2) {
        f = t->add_fields();
        f->set_str_name("kind");
        f->set_str_val("blocking");
    }
    t->mutable_location()->set_file(s.file);
    t->mutable_location()->set_line(static_cast<uint32_t>(s.span));
    auto& st = (*u.mutable_task_update()->mutable_stats_update())[s.span];
    ts(st.mutable_created_at(), kBase);
    auto* ps = st.mutable_poll_stats();
    ps->set_polls(s.polls);
    dur(ps->mutable_busy_time(), s.busy);
    ts(ps->mutable_first_poll(), kBase + kSec);
    ts(ps->mutable_last_poll_started(), kBase + 2 * kSec);
    ts(ps->mutable_last_poll_ended(), s.shape == 1 ? kBase + kSec : kBase + 3 * kSec);
    ts(st.mutable_last_wake(), s.shape == 4 ? kBase + 4 * kSec : kBase + kSec);
    st.set_waker_clones(2);
    st.set_waker_drops(s.shape == 3 ? 2 : 1);
    // A tenth of them self-wakes: too few for the lint.
    st.set_wakes(10 * s.polls);
    st.set_self_wakes(s.polls);
    if (s.shape == 2) ts(st.mutable_dropped_at(), kBase + 5 * kSec);
}

void fill_tasks(model::Model& m) {
    pb::instrument::Update u;
    ts(u.mutable_now(), kNow);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(77);
    nm->mutable_metadata()->set_target("app::net");
    const Spec specs[] = {
        {1, "conn-handler", "src/net.rs", 1500, 20 * kMs, 0},
        {2, "Worker-A", "src/work.rs", 10, 5 * kMs, 1},
        {3, "blocker", "src/work.rs", 1, 2 * kSec, 2},
        {4, "stuck", "src/net.rs", 3, 1500 * 1000, 3},
        {5, "sched", "src/main.rs", 1000, 0, 4},
    };
    for (const Spec& s : specs) add_task(u, s);
    m.apply(u, 0);
}

model::Model& tasks_model() {
    static model::Model m;
    if (!m.tasks().size()) fill_tasks(m);
    return m;
}

// The ids of the tasks a filter keeps, "1,3", or "error: at N: ...".
std::string tasks_for(const std::string& text) {
    const model::Model& m = tasks_model();
    auto p = model::parse_filter(text, FilterTable::Tasks, view::filter_keys());
    if (p.error) return "error: " + model::format_filter_error(*p.error);
    std::string out;
    for (uint32_t r : model::filter_tasks(p.filter, m.tasks(), m.strings(), kNow)) {
        if (!out.empty()) out += ',';
        out += std::to_string(m.tasks().row(r).id);
    }
    return out;
}

void expect(const std::string& filter, const std::string& want, const std::string& what) {
    tap::check_eq(tasks_for(filter), want, what + ": '" + filter + "'");
}

void task_terms() {
    expect("", "1,2,3,4,5", "empty filter keeps all");
    expect("worker", "2", "free text, case-insensitive, in the name");
    expect("NET.RS", "1,4", "free text in the location");
    expect("app::net", "1,2,3,4,5", "free text in the target");
    expect("10.0.0.3", "3", "free text in a field value");
    expect("400", "4", "free text in a numeric field value");
    expect("blocking", "3", "free text in the kind");
    expect("name=worker-a", "2", "key=value is the whole value");
    expect("name=worker", "", "key=value is not a substring");
    expect("name:work", "2", "key:value is a substring");
    expect("name!=stuck", "1,2,3,5", "key!=value");
    expect("name~^(conn|st)", "1,4", "regex");
    expect("location~main\\.rs", "5", "regex on a column");
    expect("peer.addr=10.0.0.2", "2", "a field by name");
    expect("peer.addr~\\.[45]$", "4,5", "a field by regex");
    expect("retries>=300", "3,4,5", "a numeric field");
    expect("state:running", "2", "state running");
    expect("state:idle", "1,4", "state idle");
    expect("state:scheduled", "5", "state scheduled");
    expect("state:done", "3", "state done");
    expect("state:idle|running", "1,2,4", "state alternatives");
    expect("warn:lost-waker", "4", "a lint");
    expect("warn:any", "4", "any lint");
    expect("self_wakes>=1000", "1,5", "self_wakes is the count, as JSON prints it");
    expect("self-wakes=10", "2", "and so is the older self-wakes");
    expect("wakes=100", "2", "wakes");
    expect("!warn:any", "1,2,3,5", "no lint");
    expect("kind:blocking", "3", "kind");
    expect("kind=task", "1,2,4,5", "kind equals");
    expect("polls>=1000", "1,5", "count >=");
    expect("polls>1000", "1", "count >");
    expect("polls<10", "3,4", "count <");
    expect("polls<=10", "2,3,4", "count <=");
    expect("polls>1k", "1", "count with k");
    expect("id=4", "4", "id equals");
    expect("id:4|5", "4,5", "id alternatives");
    expect("busy>10ms", "1,2,3", "duration in ms; a running task's busy time grows to now");
    expect("busy>=1.5ms", "1,2,3,4", "decimal duration");
    expect("busy<1500us", "5", "duration in us");
    expect("busy>1s", "2,3", "duration in s");
    expect("total<=5s", "3", "total of a done task");
    expect("total<5s", "", "total strictly less");
    expect("total>=9s", "1,2,4,5", "live totals grow to now");
    expect("busy=0", "5", "zero needs no unit");
    expect("busy<1500\xc2\xb5s", "5", "duration in µs, as the screen prints it");
    expect("total<1m05s total>=0.05m", "1,2,3,4,5", "minutes and seconds, as the screen prints them");
    expect("total>1m05s", "", "nothing has run a minute");
    expect("total<\"1h 30m\" total<1d04h", "1,2,3,4,5", "humantime spans, quoted with their space");
    expect("polls<1M", "1,2,3,4,5", "a count's M is a million");
}

void combining() {
    expect("src/net.rs state:idle", "1,4", "terms are ANDed");
    expect("net.rs polls>100", "1", "text and number ANDed");
    expect("!net.rs", "2,3,5", "negated text");
    expect("!state:done !warn:any", "1,2,5", "two negations");
    expect("stuck | blocker", "3,4", "OR with spaces");
    expect("stuck|blocker", "3,4", "OR without spaces");
    expect("state:done|warn:any", "3,4", "OR of two keyed terms");
    expect("polls>1000|busy>1s", "1,2,3", "OR of numeric terms");
    expect("!stuck | blocker", "1,2,3,5", "negation binds to one term");
    expect("work (state:running | sched)", "", "no parentheses: a word is text");
    expect("\"conn-handler\"", "1", "quoted text");
    expect("name=\"Worker-A\"", "2", "quoted value");
    expect("main.rs:5", "5", "'file:line' stays free text");
    // The examples of README and tokio-console(1).
    expect("!state:done busy>100ms", "2", "example: live and busy");
    expect("warn:lost-waker | warn:self-wakes", "4", "example: either lint");
    expect("name~^(conn|st)- polls>10", "1", "example: regex with alternatives and a count");
    expect("kind:blocking total>4s", "3", "example: blocking and long");
}

// Patterns that would cost the C library seconds, gigabytes or its stack
// are refused before they reach it (lib/model/filter_regex.cc); patterns
// as large within the limits still work.
void costly_regexes() {
    const std::string too_large = "too large (more than 2048 parts once its repeats are spelled out)";
    expect("name~(a)\\1", "error: at 6: bad regex '(a)\\1': back-references (\\1 to \\9) are not supported",
           "a back-reference");
    expect("name~[\\1]x", "", "a backslash and a digit in brackets are no back-reference");
    expect("name~xa" + std::string(20, '+'), "error: at 6: bad regex 'xa" + std::string(20, '+') + "': " + too_large,
           "repeats of repeats");
    expect("name~(a|b{1,1000}){1,1000}", "error: at 6: bad regex '(a|b{1,1000}){1,1000}': " + too_large,
           "nested intervals");
    expect("name~(.*){1,1100}", "error: at 6: bad regex '(.*){1,1100}': " + too_large, "an interval of a group");
    std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
    tap::check(tasks_for("name~" + deep).find("groups nest more than 32 deep") != std::string::npos,
               "groups nested 100,000 deep are refused, not compiled");
    expect("name~[]a[:alpha:]]{1,2000}", "1,2,3,4,5", "a bracket counts once, however long");
    expect("name~[]a[:alpha:]]{1,2100}", "error: at 6: bad regex '[]a[:alpha:]]{1,2100}': " + too_large,
           "a bracket's interval counts");
    std::string names;
    for (int i = 0; i < 100; i++) names += "name" + std::to_string(i) + "|";
    expect("name~^(" + names + "conn|st)", "1,4", "a hundred alternatives");
    expect("name~x{2048}", "", "an interval at the limit");
}

void errors() {
    expect("name~(", "error: at 6: bad regex '(': unmatched ( or \\(", "bad regex");
    expect("x name~[a", "error: at 8: bad regex '[a': unmatched [, [^, [:, [., or [=", "bad regex position");
    expect("busy>10", "error: at 6: invalid duration '10': a unit is missing, as in 10ms or 1m05s",
           "a duration needs a unit");
    expect("busy>10parsecs",
           "error: at 6: invalid duration '10parsecs': unknown unit 'parsecs' (ns, us, ms, s, m, h, d, w, M, y)",
           "unknown duration unit");
    expect("busy>-1s", "error: at 6: invalid duration '-1s': expected a number at '-1s'", "no negative durations");
    expect("polls>many", "error: at 7: 'polls' needs a number, not 'many'", "not a number");
    expect("polls>nan", "error: at 7: 'polls' needs a number, not 'nan'", "nan is not a number");
    expect("polls>5x", "error: at 7: unknown unit 'x' (k, M, G or none)", "unknown count unit");
    expect("state:sleeping", "error: at 7: unknown state 'sleeping' (running, idle, scheduled or done)",
           "unknown state");
    expect("warn:bad-luck", "error: at 6: unknown lint 'bad-luck' (any, lost-waker, self-wakes, ...)", "unknown lint");
    expect("name>3", "error: at 1: 'name' is text: use ':', '=', '!=' or '~'", "text compared as a number");
    expect("polls~1", "error: at 1: 'polls' is a number: use <, <=, >, >= or =", "number as a regex");
    expect("state>1", "error: at 1: 'state' takes ':', '=' or '!='", "state compared");
    expect("source:x", "error: at 1: 'source' is not a column of tasks", "a column of another list");
    expect("a |", "error: at 3: '|' needs a term after it", "dangling bar");
    expect("| a", "error: at 1: '|' needs a term before it", "leading bar");
    expect("a ! b", "error: at 3: '!' needs a term after it", "lone bang");
    expect("\"open", "error: at 1: unterminated quote", "unterminated quote");
    expect("name=", "error: at 6: 'name' needs a value", "empty value");
    expect("\"a\"b", "error: at 4: expected a space after the closing quote", "junk after a quote");
}

// The kept rows go through the same ordering as the whole list.
void windows() {
    const model::Model& m = tasks_model();
    auto p = model::parse_filter("!state:done", FilterTable::Tasks, view::filter_keys());
    auto rows = model::filter_tasks(p.filter, m.tasks(), m.strings(), kNow);
    auto w = model::task_window(m.tasks(), m.strings(), model::TaskColumn::Polls, true, kNow, 0, 3, &rows);
    std::string ids;
    for (uint32_t r : w.rows) ids += std::to_string(m.tasks().row(r).id);
    tap::check_eq(w.total, size_t(4), "window over kept rows: total is the kept count");
    tap::check_eq(ids, std::string("152"), "window over kept rows: ordered by polls");
    const model::Task* done = m.tasks().find(3);
    const model::Task* two = m.tasks().find(2);
    tap::check_eq(model::task_rank(m.tasks(), m.strings(), model::TaskColumn::Polls, true, kNow, done->span_id, &rows),
                  -1L, "a row the filter dropped has no rank");
    tap::check_eq(model::task_rank(m.tasks(), m.strings(), model::TaskColumn::Polls, true, kNow, two->span_id, &rows),
                  2L, "a kept row's rank among the kept");
}

// Search keeps every row and jumps between matches in the list's order.
void search() {
    const model::Model& m = tasks_model();
    auto p = model::parse_filter("net.rs | sched", FilterTable::Tasks, view::filter_keys());  // ids 1, 4, 5
    auto hits = model::filter_tasks(p.filter, m.tasks(), m.strings(), kNow);
    // By polls, descending: 1 (1500), 5 (1000), 2 (10), 4 (3), 3 (1).
    auto next = [&](uint64_t from, bool forward) {
        uint64_t span =
            model::task_next_match(m.tasks(), m.strings(), model::TaskColumn::Polls, true, kNow, from, hits, forward);
        const model::Task* t = m.tasks().find(span);
        return t ? t->id : 0;
    };
    tap::check_eq(next(0, true), uint64_t(1), "search: from nowhere, the first match");
    tap::check_eq(next(0, false), uint64_t(4), "search: backwards from nowhere, the last match");
    tap::check_eq(next(1, true), uint64_t(5), "search: n goes to the next match");
    tap::check_eq(next(5, true), uint64_t(4), "search: n skips rows that do not match");
    tap::check_eq(next(2, true), uint64_t(4), "search: n from a row that does not match");
    tap::check_eq(next(4, true), uint64_t(1), "search: n wraps around");
    tap::check_eq(next(4, false), uint64_t(5), "search: N goes back");
    tap::check_eq(next(1, false), uint64_t(4), "search: N wraps around");
    std::vector<uint32_t> none;
    tap::check_eq(model::task_next_match(m.tasks(), m.strings(), model::TaskColumn::Polls, true, kNow, 1, none, true),
                  uint64_t(0), "search: no match, no jump");
}

// Three resources (Mutex, Semaphore, a dropped Sleep) and an async op on
// each, all on the first resource.
void fill_resources(model::Model& m) {
    pb::instrument::Update u;
    ts(u.mutable_now(), kNow);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(5);
    nm->mutable_metadata()->set_target("tokio::sync");
    const char* types[] = {"Mutex", "Semaphore", "Sleep"};
    for (uint64_t i = 0; i < 3; i++) {
        auto* r = u.mutable_resource_update()->add_new_resources();
        r->mutable_id()->set_id(900 + i);
        r->mutable_metadata()->set_id(5);
        r->set_concrete_type(types[i]);
        r->mutable_kind()->set_other(i == 2 ? "Timer" : "Sync");
        r->set_is_internal(i == 1);
        auto& s = (*u.mutable_resource_update()->mutable_stats_update())[900 + i];
        ts(s.mutable_created_at(), kBase + static_cast<Nanos>(i) * kSec);
        if (i == 2) ts(s.mutable_dropped_at(), kBase + 8 * kSec);
        auto* a = s.add_attributes();
        a->mutable_field()->set_str_name("permits");
        a->mutable_field()->set_u64_val(i * 10);
        auto* op = u.mutable_async_op_update()->add_new_async_ops();
        op->mutable_id()->set_id(7000 + i);
        op->set_source(i == 0 ? "Mutex::lock" : "Semaphore::acquire");
        op->mutable_resource_id()->set_id(900);
        auto& os = (*u.mutable_async_op_update()->mutable_stats_update())[7000 + i];
        ts(os.mutable_created_at(), kBase);
        os.mutable_poll_stats()->set_polls(i * 5);
    }
    m.apply(u, 0);
}

void resource_terms(const model::Model& m) {
    auto res = [&](const std::string& text) {
        auto p = model::parse_filter(text, FilterTable::Resources, view::filter_keys());
        if (p.error) return "error: " + model::format_filter_error(*p.error);
        std::string out;
        for (uint32_t r : model::filter_resources(p.filter, m.resources(), m.strings(), kNow))
            out += std::to_string(m.resources().row(r).id);
        return out;
    };
    tap::check_eq(res("mutex"), std::string("1"), "resources: free text in the type");
    tap::check_eq(res("kind:timer"), std::string("3"), "resources: kind");
    tap::check_eq(res("vis:internal"), std::string("2"), "resources: visibility");
    tap::check_eq(res("permits>=10"), std::string("23"), "resources: numeric attribute");
    tap::check_eq(res("state:done"), std::string("3"), "resources: dropped is done");
    tap::check_eq(res("state:live total>9s"), std::string("1"), "resources: live and total");
    tap::check_eq(res("polls>1"), std::string("error: at 1: 'polls' is not a column of resources"),
                  "resources: a task column is an error");
}

void async_op_terms(const model::Model& m) {
    auto ops = [&](const std::string& text, uint64_t resource_span) {
        auto p = model::parse_filter(text, FilterTable::AsyncOps, view::filter_keys());
        if (p.error) return "error: " + model::format_filter_error(*p.error);
        std::string out;
        auto rows = m.async_ops().rows_of(resource_span);
        std::sort(rows.begin(), rows.end());
        for (uint32_t r : model::filter_async_ops(p.filter, m.async_ops(), m.tasks(), m.strings(), kNow, rows))
            out += std::to_string(m.async_ops().row(r).id);
        return out;
    };
    tap::check_eq(ops("acquire", 0), std::string("23"), "async ops: free text in the source");
    tap::check_eq(ops("polls>=5 !source~lock", 900), std::string("23"), "async ops: polls and negated regex");
    tap::check_eq(ops("resource=1", 0), std::string("123"), "async ops: resource id");
    tap::check_eq(ops("task=1", 0), std::string(""), "async ops: no task yet");
    tap::check_eq(ops("", 0).size(), size_t(3), "async ops: empty filter keeps all");
}

// Search in the smaller tables: the next match in the list's order.
void small_table_search(const model::Model& m) {
    auto hits = model::filter_resources(model::parse_filter("kind:sync", FilterTable::Resources, view::filter_keys()).filter, m.resources(),
                                        m.strings(), kNow);  // ids 1, 2
    auto next_res = [&](uint64_t from, bool forward) {
        uint64_t span = model::resource_next_match(m.resources(), m.strings(), model::ResourceColumn::Id, true, kNow,
                                                   from, hits, forward);
        const model::Resource* r = m.resources().find(span);
        return r ? r->id : 0;
    };
    tap::check_eq(next_res(0, true), uint64_t(2), "resources search: from nowhere, the first match (id descending)");
    tap::check_eq(next_res(902, true), uint64_t(2), "resources search: from a row that does not match");
    tap::check_eq(next_res(901, true), uint64_t(1), "resources search: n");
    tap::check_eq(next_res(900, true), uint64_t(2), "resources search: n wraps around");
    tap::check_eq(next_res(901, false), uint64_t(1), "resources search: N wraps around");
    auto op_rows = m.async_ops().rows_of(900);
    std::sort(op_rows.begin(), op_rows.end());
    auto op_hits = model::filter_async_ops(model::parse_filter("polls>0", FilterTable::AsyncOps, view::filter_keys()).filter, m.async_ops(),
                                           m.tasks(), m.strings(), kNow, op_rows);  // ids 2, 3
    auto next_op = [&](uint64_t from, bool forward) {
        uint64_t span = model::async_op_next_match(m.async_ops(), m.tasks(), m.strings(), model::AsyncOpColumn::Id,
                                                   false, kNow, from, op_hits, forward);
        const model::AsyncOp* op = m.async_ops().find(span);
        return op ? op->id : 0;
    };
    tap::check_eq(next_op(7000, true), uint64_t(2), "async ops search: n");
    tap::check_eq(next_op(7002, true), uint64_t(2), "async ops search: n wraps around");
    tap::check_eq(next_op(7001, false), uint64_t(3), "async ops search: N wraps around");
    tap::check_eq(model::async_op_next_match(m.async_ops(), m.tasks(), m.strings(), model::AsyncOpColumn::Id, false,
                                             kNow, 7000, {}, true),
                  uint64_t(0), "async ops search: no match, no jump");
}

}  // namespace

// A filter of the warnings view reads each warning's own lint and
// message, and its task's keys.  Every task self-wakes a tenth of the
// time, a lint here at 5 %; "stuck" has lost its waker too.
void warning_terms() {
    model::LintConfig lints;
    lints.self_wakes_percent = 5;
    model::Model m(lints, std::nullopt);
    fill_tasks(m);
    std::vector<uint32_t> all;
    for (uint32_t r = 0; r < m.tasks().size(); r++)
        for (int l = 0; l < model::kLintCount; l++)
            if (m.tasks().row(r).warnings & (1u << l)) all.push_back(model::warning_row(r, l));
    auto kept = [&](const std::string& text) {
        auto p = model::parse_filter(text, FilterTable::Warnings, view::filter_keys());
        if (p.error) return "error: " + model::format_filter_error(*p.error);
        std::string out;
        for (uint32_t w : model::filter_warnings(p.filter, m.tasks(), m.strings(), kNow, lints, all)) {
            if (!out.empty()) out += ',';
            out += std::to_string(m.tasks().row(model::warning_task(w)).id) + ":" +
                   model::lint_name(static_cast<model::Lint>(model::warning_lint(w)));
        }
        return out;
    };
    tap::check_eq(kept("name=stuck"), std::string("4:self-wakes,4:lost-waker"), "a task's key keeps its warnings");
    tap::check_eq(kept("name=stuck lint:lost-waker"), std::string("4:lost-waker"), "lint: the warning's own lint");
    tap::check_eq(kept("message~waker"), std::string("4:lost-waker"), "message: the warning's own sentence");
    tap::check_eq(kept("stuck !message~waker"), std::string("4:self-wakes"), "free text and a negated message");
    tap::check_eq(kept("message~^no such sentence$"), std::string(), "a message that no warning has");
    tap::check_eq(tasks_for("message~waker"), std::string("error: at 1: 'message' is not a column of tasks"),
                  "the task list has no message");
}

int main() {
    task_terms();
    warning_terms();
    combining();
    errors();
    costly_regexes();
    windows();
    search();
    {
        model::Model m;
        fill_resources(m);
        resource_terms(m);
        async_op_terms(m);
        small_table_search(m);
    }
    return tap::done();
}
