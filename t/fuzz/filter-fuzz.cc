// libFuzzer target over the filter line: any bytes, parsed for each of
// the four lists and, when they parse, run over a few tasks, resources,
// async ops and warnings, as one application's rows and as a named one's
// (the `app` key) among several.  Nothing in it may crash, leak, hang or
// read out of bounds; an error must point inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "instrument.pb.h"
#include "model/filter.h"
#include "model/lints.h"
#include "model/model.h"
#include "view/filter_keys.h"

namespace pb = rs::tokio::console;

namespace {

const int64_t kNow = 1'700'000'010LL * 1'000'000'000;

void ts(google::protobuf::Timestamp* t, int64_t ns) {
    t->set_seconds(ns / 1'000'000'000);
    t->set_nanos(static_cast<int32_t>(ns % 1'000'000'000));
}

// A model with a little of everything a term can look at.
const model::Model& small_model() {
    static model::Model* m = [] {
        auto* m = new model::Model;
        pb::instrument::Update u;
        ts(u.mutable_now(), kNow);
        for (uint64_t i = 1; i <= 4; i++) {
            auto* t = u.mutable_task_update()->add_new_tasks();
            t->mutable_id()->set_id(i);
            auto* f = t->add_fields();
            f->set_str_name("task.name");
            f->set_str_val(i % 2 ? "Worker" : "conn");
            f = t->add_fields();
            f->set_str_name("n");
            f->set_i64_val(-static_cast<int64_t>(i));
            t->mutable_location()->set_file("src/main.rs");
            auto& s = (*u.mutable_task_update()->mutable_stats_update())[i];
            ts(s.mutable_created_at(), kNow - 5'000'000'000);
            s.mutable_poll_stats()->set_polls(i * 10);
            auto* r = u.mutable_resource_update()->add_new_resources();
            r->mutable_id()->set_id(100 + i);
            r->set_concrete_type("Mutex");
            auto& rs = (*u.mutable_resource_update()->mutable_stats_update())[100 + i];
            ts(rs.mutable_created_at(), kNow - 1'000'000'000);
            auto* a = rs.add_attributes();
            a->mutable_field()->set_str_name("permits");
            a->mutable_field()->set_u64_val(i);
            auto* op = u.mutable_async_op_update()->add_new_async_ops();
            op->mutable_id()->set_id(200 + i);
            op->set_source("Mutex::lock");
            op->mutable_resource_id()->set_id(100 + i);
        }
        m->apply(u, 0);
        return m;
    }();
    return *m;
}

// A row for each lint on each task, fired or not: the filter reads the
// lint's message and the task's keys either way.
const std::vector<uint32_t>& warning_rows(const model::Model& m) {
    static const std::vector<uint32_t> rows = [&] {
        std::vector<uint32_t> r;
        for (uint32_t t = 0; t < m.tasks().size(); t++)
            for (int l = 0; l < model::kLintCount; l++) r.push_back(model::warning_row(t, l));
        return r;
    }();
    return rows;
}

void run(const model::Filter& f, model::FilterTable table, const model::Model& m, std::string_view app) {
    switch (table) {
    case model::FilterTable::Tasks: model::filter_tasks(f, m.tasks(), m.strings(), kNow, app); break;
    case model::FilterTable::Resources: model::filter_resources(f, m.resources(), m.strings(), kNow, app); break;
    case model::FilterTable::AsyncOps:
        model::filter_async_ops(f, m.async_ops(), m.tasks(), m.strings(), kNow, m.async_ops().rows_of(0), app);
        break;
    case model::FilterTable::Warnings:
        model::filter_warnings(f, m.tasks(), m.strings(), kNow, m.lint_config(), warning_rows(m), app);
        break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const model::Model& m = small_model();
    for (auto table : {model::FilterTable::Tasks, model::FilterTable::Resources, model::FilterTable::AsyncOps,
                       model::FilterTable::Warnings}) {
        model::ParsedFilter p = model::parse_filter(text, table, view::filter_keys());
        if (p.error) {
            if (p.error->pos > size || p.error->message.empty()) abort();
            if (!p.filter.empty()) abort();
            continue;
        }
        run(p.filter, table, m, {});
        run(p.filter, table, m, "api");
    }
    return 0;
}
