// Running a compiled filter over the rows of a list.  The task list reads
// the same per-column key arrays that sorting reads (TaskKeys), and text
// terms judge each distinct interned string once per run, not once per
// row: a million tasks share a few thousand names and locations.
#include "model/filter.h"

#include <algorithm>
#include <charconv>

#include "model/lints.h"

namespace model {

namespace {

// A text column's content: an interned string, or fixed text.
struct Text {
    StrId id = 0;
    const char* fixed = nullptr;
};

// Per term, what it said of each interned string so far (0: not asked,
// 1: no, 2: yes), for values and for field names.
struct Memo {
    std::vector<uint8_t> text, name;
    int8_t numbers = -1;  // whether a number's digits can match at all
    int8_t app = -1;      // whether the application's name matches
};

// A needle of other than digits and '-' is in no number's digits.
bool may_match_number(const FilterTerm& t) {
    if (t.op == TermOp::Regex) return true;
    for (const std::string& n : t.texts)
        if (n.find_first_not_of("0123456789-") == std::string::npos) return true;
    return false;
}

bool iequal_lower(std::string_view s, std::string_view lower) {
    if (s.size() != lower.size()) return false;
    for (size_t i = 0; i < s.size(); i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
        if (c != lower[i]) return false;
    }
    return true;
}

template <class Rows>
class Eval {
public:
    Eval(const Filter& f, const StringPool& strings, const Rows& rows, std::string_view app)
        : f_(f), strings_(strings), rows_(rows), app_(app) {
        for (const auto& g : f.groups()) memos_.emplace_back(g.size());
    }

    bool keep(uint32_t row) {
        const auto& groups = f_.groups();
        for (size_t g = 0; g < groups.size(); g++) {
            bool any = false;
            for (size_t t = 0; t < groups[g].size() && !any; t++) {
                const FilterTerm& term = groups[g][t];
                any = test(term, memos_[g][t], row) != term.negate;
            }
            if (!any) return false;
        }
        return true;
    }

private:
    bool str(const FilterTerm& t, Memo& m, StrId id) {
        if (id >= m.text.size()) m.text.resize(std::max<size_t>(strings_.size(), id + 1), 0);
        uint8_t& v = m.text[id];
        if (!v) v = term_text_match(t, strings_.get(id)) ? 2 : 1;
        return v == 2;
    }
    bool text(const FilterTerm& t, Memo& m, Text x) { return x.fixed ? term_text_match(t, x.fixed) : str(t, m, x.id); }
    bool value(const FilterTerm& t, Memo& m, const FieldValue& v) {
        char buf[32];
        std::to_chars_result r{buf, {}};
        switch (v.kind) {
        case FieldValue::Kind::Debug:
        case FieldValue::Kind::Str: return str(t, m, v.text);
        case FieldValue::Kind::Bool: return term_text_match(t, v.u ? "true" : "false");
        case FieldValue::Kind::U64:
        case FieldValue::Kind::I64:
            // Most rows have a number or two (size.bytes): skip formatting
            // them when the needle cannot be in one.
            if (m.numbers < 0) m.numbers = may_match_number(t);
            if (!m.numbers) return false;
            r = v.kind == FieldValue::Kind::U64 ? std::to_chars(buf, buf + sizeof buf, v.u)
                                                : std::to_chars(buf, buf + sizeof buf, v.i);
            break;
        }
        return term_text_match(t, std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
    }
    bool named(const FilterTerm& t, Memo& m, StrId name) {
        if (name >= m.name.size()) m.name.resize(std::max<size_t>(strings_.size(), name + 1), 0);
        uint8_t& v = m.name[name];
        if (!v) v = iequal_lower(strings_.get(name), t.field) ? 2 : 1;
        return v == 2;
    }
    bool fields(const FilterTerm& t, Memo& m, const std::vector<Field>& fs) {
        for (const Field& f : fs) {
            switch (t.kind) {
            case TermKind::Field:
                if (named(t, m, f.name) && value(t, m, f.value)) return true;
                break;
            case TermKind::FieldNumber:
                if (!named(t, m, f.name)) break;
                if (f.value.kind == FieldValue::Kind::U64 &&
                    term_number_match(t, f.value.u > INT64_MAX ? INT64_MAX : static_cast<int64_t>(f.value.u)))
                    return true;
                if (f.value.kind == FieldValue::Kind::I64 && term_number_match(t, f.value.i)) return true;
                break;
            case TermKind::AnyField:
                if (value(t, m, f.value) || term_text_match(t, strings_.get(f.name))) return true;
                break;
            default:
                if (value(t, m, f.value)) return true;
            }
        }
        return false;
    }
    // The same for every row: asked once.
    bool app(const FilterTerm& t, Memo& m) {
        if (m.app < 0) m.app = !app_.empty() && term_text_match(t, app_);
        return m.app;
    }
    bool test(const FilterTerm& t, Memo& m, uint32_t row) {
        switch (t.kind) {
        case TermKind::Text:
            if (app(t, m)) return true;
            for (FilterKey k : Rows::kTextColumns)
                if (text(t, m, rows_.text(k, row))) return true;
            return fields(t, m, rows_.fields(row));
        case TermKind::Column:
            if (t.key == FilterKey::App) return app(t, m);
            return text(t, m, rows_.text(t.key, row));
        case TermKind::Field:
        case TermKind::FieldNumber:
        case TermKind::AnyField: return fields(t, m, rows_.fields(row));
        case TermKind::Number: {
            int64_t v;
            return rows_.number(t.key, row, v) && term_number_match(t, v);
        }
        case TermKind::State: return t.mask & (1u << rows_.state(row));
        case TermKind::Warn: return t.mask & rows_.warnings(row);
        }
        return false;
    }

    const Filter& f_;
    const StringPool& strings_;
    const Rows rows_;  // a few references
    std::string_view app_;
    std::vector<std::vector<Memo>> memos_;
};

int64_t clamp(uint64_t v) {
    return v > INT64_MAX ? INT64_MAX : static_cast<int64_t>(v);
}

// The columns of a task, from TaskKeys where sorting has them.
struct TaskRows {
    static constexpr FilterKey kTextColumns[] = {FilterKey::Name, FilterKey::Kind, FilterKey::Location,
                                                 FilterKey::Target};
    const TaskTable& tasks;
    const TaskKeys& k;
    Nanos now;

    Text text(FilterKey key, uint32_t i) const {
        switch (key) {
        case FilterKey::Name: return {k.name[i]};
        case FilterKey::Kind: return {k.kind[i]};
        case FilterKey::Location: return {k.location[i]};
        default: return {tasks.row(i).target};
        }
    }
    const std::vector<Field>& fields(uint32_t i) const { return tasks.row(i).fields; }
    bool number(FilterKey key, uint32_t i, int64_t& v) const {
        switch (key) {
        case FilterKey::Id: v = clamp(k.id[i]); return true;
        case FilterKey::Polls: v = clamp(k.polls[i]); return true;
        case FilterKey::Total: v = k.total_at(i, now); return true;
        case FilterKey::Busy: v = k.busy_at(i, now); return true;
        case FilterKey::Sched: v = k.sched_at(i, now); return true;
        case FilterKey::Idle: v = k.idle_at(i, now); return true;
        case FilterKey::Warns: v = k.warns[i]; return true;
        case FilterKey::Wakes: v = clamp(tasks.row(i).stats.wakes); return true;
        case FilterKey::Wakers: v = clamp(tasks.row(i).waker_count()); return true;
        case FilterKey::SelfWakes: v = clamp(tasks.row(i).stats.self_wakes); return true;
        case FilterKey::Size: v = tasks.row(i).size_bytes; return v >= 0;
        default: return false;
        }
    }
    unsigned state(uint32_t i) const { return k.state[i]; }
    unsigned warnings(uint32_t i) const { return tasks.row(i).warnings; }
};

struct ResourceRows {
    static constexpr FilterKey kTextColumns[] = {FilterKey::Kind, FilterKey::Type, FilterKey::Target,
                                                 FilterKey::Location};
    const ResourceTable& t;
    Nanos now;

    Text text(FilterKey key, uint32_t i) const {
        const Resource& r = t.row(i);
        switch (key) {
        case FilterKey::Kind: return {r.kind};
        case FilterKey::Type: return {r.concrete_type};
        case FilterKey::Location: return {r.location};
        case FilterKey::Vis: return {0, visibility_name(r.visibility)};
        default: return {r.target};
        }
    }
    const std::vector<Field>& fields(uint32_t i) const { return t.row(i).attributes; }
    bool number(FilterKey key, uint32_t i, int64_t& v) const {
        const Resource& r = t.row(i);
        switch (key) {
        case FilterKey::Id: v = clamp(r.id); return true;
        case FilterKey::Parent: v = clamp(r.parent_id); return true;
        case FilterKey::Total: v = r.total(now); return true;
        default: return false;
        }
    }
    unsigned state(uint32_t i) const { return t.row(i).dropped() ? 3 : 0; }
    unsigned warnings(uint32_t) const { return 0; }
};

struct AsyncOpRows {
    static constexpr FilterKey kTextColumns[] = {FilterKey::Source};
    const AsyncOpTable& ops;
    const TaskTable& tasks;
    Nanos now;

    Text text(FilterKey key, uint32_t i) const {
        const AsyncOp& op = ops.row(i);
        if (key != FilterKey::TaskName) return {op.source};
        const Task* t = op.task_span ? tasks.find(op.task_span) : nullptr;
        return {t ? t->name : StrId{0}};
    }
    const std::vector<Field>& fields(uint32_t i) const { return ops.row(i).attributes; }
    bool number(FilterKey key, uint32_t i, int64_t& v) const {
        const AsyncOp& op = ops.row(i);
        switch (key) {
        case FilterKey::Id: v = clamp(op.id); return true;
        case FilterKey::Parent: v = clamp(op.parent_id); return true;
        case FilterKey::Resource: v = clamp(op.resource_id); return true;
        case FilterKey::Total: v = op.total(now); return true;
        case FilterKey::Busy: v = op.busy(now); return true;
        case FilterKey::Idle: v = op.idle(now); return true;
        case FilterKey::Polls: v = clamp(op.polls); return true;
        case FilterKey::Task: {
            const Task* t = op.task_span ? tasks.find(op.task_span) : nullptr;
            if (t) v = clamp(t->id);
            return t != nullptr;
        }
        default: return false;
        }
    }
    unsigned state(uint32_t i) const { return ops.row(i).dropped() ? 3 : 0; }
    unsigned warnings(uint32_t) const { return 0; }
};

// A task's warnings, a row each: the task's columns, but the lints and
// the message are the warning's own.
struct WarningRows {
    static constexpr FilterKey kTextColumns[] = {FilterKey::Name, FilterKey::Kind, FilterKey::Location,
                                                 FilterKey::Target, FilterKey::Message};
    TaskRows task;
    const LintConfig& lints;
    mutable std::string sentence;  // the last message asked for

    Text text(FilterKey key, uint32_t w) const {
        if (key != FilterKey::Message) return task.text(key, warning_task(w));
        sentence = lint_sentence(static_cast<Lint>(warning_lint(w)), task.tasks.row(warning_task(w)), task.now, lints,
                                 true);
        return {0, sentence.c_str()};
    }
    const std::vector<Field>& fields(uint32_t w) const { return task.fields(warning_task(w)); }
    bool number(FilterKey key, uint32_t w, int64_t& v) const { return task.number(key, warning_task(w), v); }
    unsigned state(uint32_t w) const { return task.state(warning_task(w)); }
    unsigned warnings(uint32_t w) const { return 1u << warning_lint(w); }
};

// Rows [0, n) that the filter keeps.
template <class Rows>
std::vector<uint32_t> run(const Filter& f, const StringPool& strings, const Rows& rows, size_t n, std::string_view app) {
    std::vector<uint32_t> out;
    if (f.empty()) {
        out.resize(n);
        for (size_t i = 0; i < n; i++) out[i] = static_cast<uint32_t>(i);
        return out;
    }
    Eval<Rows> eval(f, strings, rows, app);
    for (size_t i = 0; i < n; i++)
        if (eval.keep(static_cast<uint32_t>(i))) out.push_back(static_cast<uint32_t>(i));
    return out;
}

}  // namespace

std::vector<uint32_t> filter_tasks(const Filter& f, const TaskTable& tasks, const StringPool& strings, Nanos now,
                                   std::string_view app) {
    return run(f, strings, TaskRows{tasks, tasks.keys(), now}, tasks.size(), app);
}

std::vector<uint32_t> filter_resources(const Filter& f, const ResourceTable& resources, const StringPool& strings,
                                       Nanos now, std::string_view app) {
    return run(f, strings, ResourceRows{resources, now}, resources.size(), app);
}

std::vector<uint32_t> filter_warnings(const Filter& f, const TaskTable& tasks, const StringPool& strings, Nanos now,
                                      const LintConfig& lints, const std::vector<uint32_t>& rows, std::string_view app) {
    if (f.empty()) return rows;
    std::vector<uint32_t> out;
    Eval<WarningRows> eval(f, strings, WarningRows{TaskRows{tasks, tasks.keys(), now}, lints, {}}, app);
    for (uint32_t r : rows)
        if (eval.keep(r)) out.push_back(r);
    return out;
}

std::vector<uint32_t> filter_async_ops(const Filter& f, const AsyncOpTable& ops, const TaskTable& tasks,
                                       const StringPool& strings, Nanos now, const std::vector<uint32_t>& rows,
                                       std::string_view app) {
    std::vector<uint32_t> out;
    if (f.empty()) {
        out = rows;
    } else {
        Eval<AsyncOpRows> eval(f, strings, AsyncOpRows{ops, tasks, now}, app);
        for (uint32_t r : rows)
            if (eval.keep(r)) out.push_back(r);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool filter_reads_clock(const Filter& f) {
    for (const auto& group : f.groups())
        for (const FilterTerm& t : group) {
            if (t.kind != TermKind::Number) continue;
            switch (t.key) {
            case FilterKey::Total:
            case FilterKey::Busy:
            case FilterKey::Sched:
            case FilterKey::Idle: return true;
            default: break;
            }
        }
    return false;
}

}  // namespace model
