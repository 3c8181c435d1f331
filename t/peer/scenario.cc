// Scenario files: statements parsed into timed actions on the World, and
// the timeline that runs them.  The format is described in
// t/scenarios/README.
#include "scenario.h"

#include <sstream>

#include "lex.h"

namespace peer {

namespace scenario {

bool Scenario::options(const Args& args, size_t from, Options& out, std::string& error) {
    for (size_t i = from; i < args.size(); i++) {
        size_t eq = args[i].find('=');
        if (eq == std::string::npos)
            out.flags.push_back(args[i]);
        else if (eq == 0) {
            error = "bad option '" + args[i] + "'";
            return false;
        } else
            out.kv[args[i].substr(0, eq)] = args[i].substr(eq + 1);
    }
    return true;
}

bool Scenario::label_ref(const std::string& label, char kind, std::string& error) {
    auto it = declared_.find(label);
    if (it == declared_.end() || (kind && it->second != kind)) {
        const char* what = kind == 't' ? "task" : kind == 'r' ? "resource" : kind == 'a' ? "async op" : "entity";
        error = std::string("unknown ") + what + " '" + label + "'";
        return false;
    }
    return true;
}

bool Scenario::statement(const std::string& line, std::string& error) {
    std::vector<std::string> words;
    if (!split_words(line, words, error)) return false;
    if (words.empty()) return true;
    if (words[0] == "repeat") {
        uint64_t n;
        if (words.size() < 3 || !parse_count(words[1], n)) {
            error = "repeat needs a count and a statement";
            return false;
        }
        size_t pos = line.find("repeat");
        pos = line.find(words[1], pos + 6) + words[1].size();
        std::string rest = line.substr(pos);
        for (uint64_t i = 0; i < n; i++)
            if (!statement(expand_index(rest, i), error)) return false;
        return true;
    }
    if (words[0] == "interval") {
        if (words.size() != 2 || !parse_duration(words[1], interval_) || interval_ <= 0) {
            error = "interval needs a duration";
            return false;
        }
        return true;
    }
    Stmt st;
    size_t i = 0;
    while (i + 1 < words.size() && (words[i] == "at" || words[i] == "every")) {
        int64_t& slot = words[i] == "at" ? st.at : st.every;
        if (!parse_duration(words[i + 1], slot)) {
            error = "bad duration '" + words[i + 1] + "'";
            return false;
        }
        i += 2;
    }
    if (i >= words.size()) {
        error = "missing statement";
        return false;
    }
    Args args(words.begin() + i + 1, words.end());
    if (!compile(words[i], args, st.action, error)) return false;
    stmts_.push_back(std::move(st));
    return true;
}

bool Scenario::parse(const std::string& text, std::string& error) {
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); n++) {
        std::string why;
        if (!statement(line, why)) {
            error = "line " + std::to_string(n) + ": " + why;
            return false;
        }
    }
    return true;
}

void Scenario::schedule(int64_t when, Action action, int64_t every) {
    queue_.push(Due{when, order_++, std::move(action), every});
}

void Scenario::start(World& world, int64_t now) {
    for (auto& st : stmts_) {
        if (st.at == 0 && st.every == 0)
            st.action(world, now);
        else
            schedule(now + (st.at ? st.at : st.every), st.action, st.every);
    }
}

int64_t Scenario::run(World& world, int64_t now) {
    while (!queue_.empty() && queue_.top().when <= now && !stopping()) {
        Due d = queue_.top();
        queue_.pop();
        d.action(world, now);
        if (d.every > 0) schedule(d.when + d.every, d.action, d.every);
    }
    return queue_.empty() ? -1 : queue_.top().when;
}

}  // namespace scenario

std::unique_ptr<Script> load_scenario(const std::string& text, const std::string& origin, std::string& error) {
    auto s = std::make_unique<scenario::Scenario>();
    if (!s->parse(text, error)) {
        error = "scenario '" + origin + "' " + error;
        return nullptr;
    }
    return s;
}

}  // namespace peer
