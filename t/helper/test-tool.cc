// test-tool: feeds recorded Update streams into the model and prints its
// state as text, for tests.
//
//   test-tool model FILE [--at-end] [--retain-for NS]
//       FILE is a recording: frames of [u64 BE ns][u32 BE length][Update].
//       Prints one summary line per update, then every task, resource and
//       async op, one per line, the poll links and the dropped events.
//       With --waits, then one line per task that waits on a resource
//       (model/waits.h) and per lock cycle.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "instrument.pb.h"
#include "model/attribute.h"
#include "model/model.h"
#include "model/task_order.h"
#include "model/wait_graph.h"
#include "model/waits.h"

namespace {

bool read_frames(const char* path, std::vector<std::string>& out, std::string& err) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err = std::string("cannot open '") + path + "'";
        return false;
    }
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t p = 0;
    while (p < data.size()) {
        if (data.size() - p < 12) {
            err = "truncated frame header";
            return false;
        }
        uint32_t len = 0;
        for (int i = 0; i < 4; i++) len = len << 8 | static_cast<unsigned char>(data[p + 8 + i]);
        p += 12;
        if (data.size() - p < len) {
            err = "truncated frame";
            return false;
        }
        out.push_back(data.substr(p, len));
        p += len;
    }
    return true;
}

void print_model(const model::Model& m);
void print_waits(const model::Model& m);

int cmd_model(int argc, char** argv) {
    if (argc < 1) {
        fprintf(stderr, "usage: test-tool model FILE\n");
        return 2;
    }
    std::optional<model::Nanos> retain = 6'000'000'000;
    bool quiet = false, waits = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--retain-for") && i + 1 < argc) {
            long long v = atoll(argv[++i]);
            retain = v < 0 ? std::nullopt : std::optional<model::Nanos>(v);
        } else if (!strcmp(argv[i], "--quiet")) {
            quiet = true;
        } else if (!strcmp(argv[i], "--waits")) {
            waits = true;
        }
    }
    std::vector<std::string> frames;
    std::string err;
    if (!read_frames(argv[0], frames, err)) {
        fprintf(stderr, "test-tool: %s\n", err.c_str());
        return 1;
    }
    model::Model m(model::LintConfig{}, retain);
    size_t n = 0;
    for (const std::string& f : frames) {
        // Decoded as the console decodes what it receives.
        if (!m.apply_encoded(f, 0)) {
            fprintf(stderr, "test-tool: frame %zu is not an Update\n", n);
            return 1;
        }
        n++;
        if (!quiet) {
            auto c = m.tasks().count_by_state();
            printf("update %zu tasks=%zu running=%llu scheduled=%llu idle=%llu done=%llu metadata=%zu "
                   "resources=%zu async_ops=%zu\n",
                   n, m.tasks().size(), (unsigned long long)c[0], (unsigned long long)c[1], (unsigned long long)c[2],
                   (unsigned long long)c[3], m.metadata().size(), m.resources().size(), m.async_ops().size());
        }
    }
    print_model(m);
    if (waits) print_waits(m);
    return 0;
}

// "waits task=ID on=LINE" per wait, "cycle LINE" per lock cycle.
void print_waits(const model::Model& m) {
    model::Nanos now = m.last_update_now();
    model::WaitGraph g = model::build_wait_graph(m);
    for (const model::Wait& w : g.waits) {
        const model::Task* t = m.tasks().find(w.task_span);
        printf("waits task=%llu on=%s\n", t ? (unsigned long long)t->id : 0ull,
               model::describe_wait(m, w, now, true).c_str());
    }
    for (const model::Cycle& c : model::lock_cycles(g, m)) printf("%s\n", model::describe_cycle(m, c, true).c_str());
}

// Every task, resource and async op of the model, by ID, one line each.
void print_model(const model::Model& m) {
    model::Nanos now = m.last_update_now();
    auto w = model::task_window(m.tasks(), m.strings(), model::TaskColumn::Id, false, now, 0, m.tasks().size());
    for (uint32_t r : w.rows) {
        const model::Task& t = m.tasks().row(r);
        printf("task id=%llu state=%s name=%s kind=%s polls=%llu warnings=%u location=%s target=%s fields=",
               (unsigned long long)t.id, model::state_name(t.state()), std::string(m.strings().get(t.name)).c_str(),
               std::string(m.strings().get(t.kind)).c_str(), (unsigned long long)t.stats.polls, t.warnings,
               std::string(m.strings().get(t.location)).c_str(), std::string(m.strings().get(t.target)).c_str());
        for (size_t i = 0; i < t.fields.size(); i++)
            printf("%s%s", i ? "," : "", model::format_field(t.fields[i], m.strings()).c_str());
        printf("\n");
    }
    const model::StringPool& sp = m.strings();
    auto str = [&](model::StrId id) { return std::string(sp.get(id)); };
    auto rw = model::resource_window(m.resources(), sp, model::ResourceColumn::Id, false, now, 0, m.resources().size());
    for (uint32_t r : rw.rows) {
        const model::Resource& x = m.resources().row(r);
        printf("resource id=%llu parent=%s kind=%s type=%s target=%s vis=%s location=%s dropped=%d waiting=%zu "
               "attributes=%s\n",
               (unsigned long long)x.id, m.resources().parent_label(x, sp).c_str(), str(x.kind).c_str(),
               str(x.concrete_type).c_str(), str(x.target).c_str(), model::visibility_name(x.visibility),
               str(x.location).c_str(), x.dropped(), model::waiters_of(m, x.span_id).size(),
               model::format_attributes(x.attributes, sp).c_str());
    }
    auto ow = model::async_op_window(m.async_ops(), m.tasks(), sp, model::AsyncOpColumn::Id, false, now, 0, 0,
                                     m.async_ops().size());
    for (uint32_t r : ow.rows) {
        const model::AsyncOp& x = m.async_ops().row(r);
        printf("asyncop id=%llu parent=%s resource=%llu task=%s source=%s polls=%llu dropped=%d attributes=%s\n",
               (unsigned long long)x.id, model::AsyncOpTable::parent_label(x).c_str(),
               (unsigned long long)x.resource_id, model::AsyncOpTable::task_label(x, m.tasks(), sp).c_str(),
               str(x.source).c_str(), (unsigned long long)x.polls, x.dropped(),
               model::format_attributes(x.attributes, sp).c_str());
    }
    printf("polllinks %zu\n", m.poll_ops().size());
    printf("dropped tasks=%llu resources=%llu async_ops=%llu\n",
           (unsigned long long)m.dropped().total(model::EventKind::Tasks),
           (unsigned long long)m.dropped().total(model::EventKind::Resources),
           (unsigned long long)m.dropped().total(model::EventKind::AsyncOps));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && !strcmp(argv[1], "model")) return cmd_model(argc - 2, argv + 2);
    fprintf(stderr, "usage: test-tool model FILE [--retain-for NS] [--quiet] [--waits]\n");
    return 2;
}
