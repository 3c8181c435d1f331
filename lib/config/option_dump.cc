// The setters of `tokio-console dump`'s options (see options.cc).  They
// check the form of each value; what depends on the model (the filter,
// the sort column's name) is checked when the dump starts.
#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "config/option_setters.h"
#include "util/text.h"

namespace config::setters {

namespace {

bool whole_number(const std::string& text, uint64_t& out) {
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    errno = 0;
    char* end;
    unsigned long long v = strtoull(text.c_str(), &end, 10);
    if (errno || *end) return false;
    out = v;
    return true;
}

// Refuses a lint dump cannot check (see fail_on_lints()): it would never
// fire, and the job would pass without saying why.
bool checkable(const std::string& flag, const std::vector<std::string>& lints, Problem& p) {
    const auto& ok = fail_on_lints();
    for (const auto& name : lints)
        if (std::find(ok.begin(), ok.end(), name) == ok.end())
            return problem(
                p, "option '" + flag + "': " + name + " needs each task's poll times, which dump does not watch");
    return true;
}

bool duration(const std::string& flag, const std::string& text, uint64_t& out, Problem& p) {
    std::string why;
    if (!util::parse_duration(text, out, why)) return problem(p, "option '" + flag + "': " + why, kDurationHint);
    return true;
}

// One of `names`, as its index.
template <class E, size_t N>
bool one_of(const std::string& flag, const std::string& text, const char* const (&names)[N], E& out, Problem& p) {
    std::string list;
    for (size_t i = 0; i < N; i++) {
        if (text == names[i]) {
            out = static_cast<E>(i);
            return true;
        }
        list += std::string(i ? (i + 1 == N ? " or " : ", ") : "") + names[i];
    }
    return problem(p, "option '" + flag + "': unknown value '" + text + "' (" + list + ")", "give " + list);
}

}  // namespace

bool number(const std::string& flag, const std::string& text, uint64_t& out, Problem& p) {
    if (!whole_number(text, out))
        return problem(p, "option '" + flag + "': invalid number '" + text + "'", "give a whole number");
    return true;
}

bool cli_dump_view(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    static const char* const names[] = {"tasks", "resources", "async-ops", "warnings"};
    return one_of(flag, args.back(), names, l.dump.view, p);
}

bool cli_dump_format(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    static const char* const names[] = {"table", "json", "jsonl", "csv"};
    return one_of(flag, args.back(), names, l.dump.format, p);
}

bool cli_dump_filter(const std::string&, const std::vector<std::string>& args, Layer& l, Problem&) {
    // The console's task list and dump's rows: one --filter for both.
    l.filter = args.back();
    l.dump.filter = args.back();
    return true;
}

// FIELD[:asc|desc]; whether the view has the field is checked later.
bool cli_dump_sort(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    std::string text = args.back();
    size_t colon = text.find(':');
    std::string column = text.substr(0, colon), dir = colon == std::string::npos ? "" : text.substr(colon + 1);
    if (column.empty()) return problem(p, "option '" + flag + "' needs a column", "for example '--sort total:desc'");
    if (!dir.empty() && dir != "asc" && dir != "desc")
        return problem(p, "option '" + flag + "': unknown order '" + dir + "' (asc or desc)",
                       "for example '--sort total:desc'");
    l.dump.sort = util::ascii_lower(column);
    l.dump.descending = dir == "desc";
    return true;
}

bool cli_dump_limit(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    return number(flag, args.back(), l.dump.limit, p);
}

bool cli_dump_count(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    if (!number(flag, args.back(), l.dump.count, p)) return false;
    if (!l.dump.count)
        return problem(p, "option '" + flag + "' must be at least 1", "leave it out to go on until stopped");
    return true;
}

bool cli_dump_wait(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    return duration(flag, args.back(), l.dump.wait_ns, p);
}

bool cli_dump_connect_timeout(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    return duration(flag, args.back(), l.dump.connect_timeout_ns, p);
}

bool cli_dump_watch(const std::string&, const std::vector<std::string>&, Layer& l, Problem&) {
    l.dump.watch = true;
    return true;
}

bool cli_dump_interval(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    if (!duration(flag, args.back(), l.dump.interval_ns, p)) return false;
    if (l.dump.interval_ns < 1'000'000)
        return problem(p, "option '" + flag + "' must be at least 1ms", "for example '--interval 1s'");
    return true;
}

// Lint names separated by commas, or `any` for every lint dump can check.
bool cli_dump_fail_on(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    std::vector<std::string> lints;
    for (const auto& item : args) {
        if (util::ascii_lower(item) == "any") {
            lints = fail_on_lints();
            continue;
        }
        std::vector<std::string> some;
        bool all;
        std::string why;
        if (!parse_lint_list(item, false, some, all, why)) {
            std::string names = "any";
            for (const auto& n : fail_on_lints()) names += ", " + n;
            return problem(p, "option '" + flag + "': " + why + " (" + names + ")", "known lints: " + names);
        }
        if (!checkable(flag, some, p)) return false;
        lints.insert(lints.end(), some.begin(), some.end());
    }
    normalize_lints(lints);
    l.dump.fail_on = lints;
    return true;
}

bool cli_dump_from(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    if (args.back().empty()) return problem(p, "option '" + flag + "' needs a file");
    l.dump.from = args.back();
    return true;
}

bool cli_dump_at(const std::string& flag, const std::vector<std::string>& args, Layer& l, Problem& p) {
    uint64_t ns;
    if (!duration(flag, args.back(), ns, p)) return false;
    l.dump.at_ns = ns;
    return true;
}

}  // namespace config::setters
