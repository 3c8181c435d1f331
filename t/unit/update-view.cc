// proto/update_view.proto against the protocol: the view's messages have
// the protocol's field numbers, names and types, with each stats map read
// as a repeated key/value entry; bytes of one decode as the other; and
// duplicate entries end as the map would have them, the last one winning.
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>

#include "instrument.pb.h"
#include "model/model.h"
#include "t/unit/heap-in-use.h"
#include "t/unit/model-time.h"
#include "t/unit/tap.h"
#include "update_view.pb.h"
#include "wire/update_split.h"

namespace pb = rs::tokio::console;
namespace view = tokio_console::view;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using model::Nanos;
using namespace model_test;

namespace {

// What splitting an update handed out, applied to `m` as the console does.
struct Parts {
    bool started = false;
    int count = 0;
    bool in_order = true;  // first on the first, last on the last only
    bool failed = false;
    size_t largest_piece = 0;  // bytes of arena
    std::string first_bytes;
};

Parts split_into(std::string bytes, model::Model& m, std::string* why = nullptr) {
    Parts r;
    auto split = wire::UpdateSplit::start(std::move(bytes), why);
    r.started = split != nullptr;
    wire::event::UpdatePart part;
    bool ended = false;
    while (split && split->next(part)) {
        r.in_order &= part.first == (r.count == 0) && !ended;
        if (part.first && part.bytes) r.first_bytes = *part.bytes;
        if (part.piece) r.largest_piece = std::max(r.largest_piece, part.piece->bytes());
        m.apply_part(part.piece.get(), part.first, part.last, 0);
        ended = part.last;
        r.failed = part.failed;
        r.count++;
    }
    r.in_order &= ended && !m.updating();
    return r;
}

// The size of this process's address space (as RLIMIT_AS counts it), 0 if unknown.
size_t address_space_bytes() {
    FILE* f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long pages = 0;
    if (fscanf(f, "%lu", &pages) != 1) pages = 0;
    fclose(f);
    return pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// Protocol message name -> the view's message that stands for it.
std::string mirror_of(const std::string& upstream) {
    if (upstream == "rs.tokio.console.tasks.TaskUpdate") return "tokio_console.view.TaskUpdate";
    if (upstream == "rs.tokio.console.resources.ResourceUpdate") return "tokio_console.view.ResourceUpdate";
    if (upstream == "rs.tokio.console.async_ops.AsyncOpUpdate") return "tokio_console.view.AsyncOpUpdate";
    return upstream;
}

// The same for a run of task stats: the reader's own copies of Stats,
// PollStats and the two times.
std::string stats_mirror_of(const std::string& upstream) {
    if (upstream == "rs.tokio.console.tasks.Stats") return "tokio_console.view.StatsView";
    if (upstream == "rs.tokio.console.common.PollStats") return "tokio_console.view.PollStatsView";
    if (upstream == "google.protobuf.Timestamp" || upstream == "google.protobuf.Duration")
        return "tokio_console.view.SecondsAndNanos";
    return upstream;
}

bool same_scalar(const FieldDescriptor* a, const FieldDescriptor* b) {
    return a->type() == b->type() && a->number() == b->number();
}

// Every field of `up` is in `vw` with the same number, name and wire type.
void check_mirror(const Descriptor* up, const Descriptor* vw,
                  std::string (*mirror)(const std::string&) = mirror_of) {
    tap::check_eq(vw->field_count(), up->field_count(), vw->full_name() + " has as many fields as " + up->full_name());
    for (int i = 0; i < up->field_count(); i++) {
        const FieldDescriptor* u = up->field(i);
        const FieldDescriptor* v = vw->FindFieldByNumber(u->number());
        std::string what = vw->full_name() + "." + u->name();
        if (!tap::check(v != nullptr, what + " exists with number " + std::to_string(u->number()))) continue;
        tap::check_eq(v->name(), u->name(), what + " has the protocol's name");
        tap::check_eq(v->is_repeated(), u->is_repeated(), what + " is repeated as in the protocol");
        if (u->is_map()) {
            const Descriptor* entry = v->message_type();
            bool ok = entry && entry->field_count() == 2;
            const FieldDescriptor* ku = u->message_type()->map_key();
            const FieldDescriptor* vu = u->message_type()->map_value();
            const FieldDescriptor* kv = ok ? entry->FindFieldByNumber(1) : nullptr;
            const FieldDescriptor* vv = ok ? entry->FindFieldByNumber(2) : nullptr;
            ok = ok && kv && vv && same_scalar(kv, ku) && vv->type() == vu->type() &&
                 vv->message_type() == vu->message_type();
            tap::check(ok, what + " is a repeated key/value entry with the map's key and value types");
        } else {
            bool ok = v->type() == u->type();
            if (ok && u->message_type())
                ok = v->message_type()->full_name() == mirror(u->message_type()->full_name());
            tap::check(ok, what + " has the protocol's type");
        }
    }
}

pb::instrument::Update sample() {
    pb::instrument::Update u;
    ts(u.mutable_now(), kBase);
    auto* nm = u.mutable_new_metadata()->add_metadata();
    nm->mutable_id()->set_id(7);
    nm->mutable_metadata()->set_name("runtime.spawn");
    auto* t = u.mutable_task_update()->add_new_tasks();
    t->mutable_id()->set_id(1);
    t->mutable_metadata()->set_id(7);
    for (uint64_t id : {1, 2, 3}) {
        auto& s = (*u.mutable_task_update()->mutable_stats_update())[id];
        s.mutable_poll_stats()->set_polls(10 * id);
        s.set_wakes(id);
    }
    u.mutable_task_update()->set_dropped_events(4);
    auto* r = u.mutable_resource_update()->add_new_resources();
    r->mutable_id()->set_id(9);
    (*u.mutable_resource_update()->mutable_stats_update())[9].mutable_created_at()->set_seconds(5);
    u.mutable_resource_update()->add_new_poll_ops()->set_name("poll_recv");
    (*u.mutable_async_op_update()->mutable_stats_update())[11].mutable_poll_stats()->set_polls(3);
    u.mutable_async_op_update()->set_dropped_events(2);
    return u;
}

void check_mirrors() {
    check_mirror(pb::instrument::Update::descriptor(), view::Update::descriptor());
    check_mirror(pb::tasks::TaskUpdate::descriptor(), view::TaskUpdate::descriptor());
    check_mirror(pb::resources::ResourceUpdate::descriptor(), view::ResourceUpdate::descriptor());
    check_mirror(pb::async_ops::AsyncOpUpdate::descriptor(), view::AsyncOpUpdate::descriptor());
    check_mirror(pb::tasks::Stats::descriptor(), view::StatsView::descriptor(), stats_mirror_of);
    check_mirror(pb::common::PollStats::descriptor(), view::PollStatsView::descriptor(), stats_mirror_of);
    check_mirror(google::protobuf::Timestamp::descriptor(), view::SecondsAndNanos::descriptor());
    check_mirror(google::protobuf::Duration::descriptor(), view::SecondsAndNanos::descriptor());
    // A run of stats is TaskUpdate's stats_update field alone, its entry a
    // map entry of the same key and Stats read as StatsView.
    const FieldDescriptor* up = pb::tasks::TaskUpdate::descriptor()->FindFieldByName("stats_update");
    const FieldDescriptor* run = view::TaskStatsRunView::descriptor()->FindFieldByName("stats_update");
    tap::check_eq(view::TaskStatsRunView::descriptor()->field_count(), 1, "TaskStatsRunView has one field");
    tap::check(run && up && run->number() == up->number() && run->is_repeated(),
               "TaskStatsRunView.stats_update is TaskUpdate's, repeated");
    const Descriptor* entry = view::TaskStatsEntryView::descriptor();
    const FieldDescriptor* key = entry->FindFieldByNumber(1);
    const FieldDescriptor* value = entry->FindFieldByNumber(2);
    tap::check(entry->field_count() == 2 && key && same_scalar(key, up->message_type()->map_key()) && value &&
                   value->message_type() == view::StatsView::descriptor(),
               "TaskStatsEntryView is the map's entry, its value read as StatsView");
}

// The protocol's bytes, read as the view.
void check_protocol_as_view() {
    pb::instrument::Update u = sample();
    std::string bytes = u.SerializeAsString();
    model::Model m;
    Parts parts = split_into(bytes, m);
    tap::check(parts.started && parts.first_bytes == bytes, "an Update is checked and handed on as it came");
    tap::check(parts.in_order && !parts.failed, "its parts come first to last");
    tap::check_eq(m.tasks().size(), size_t{3}, "and apply");
    view::Update v;
    if (tap::check(v.ParseFromString(bytes), "an Update decodes as the view")) {
        tap::check_eq(v.task_update().stats_update_size(), 3, "every task stats entry is there");
        uint64_t polls = 0;
        for (const auto& e : v.task_update().stats_update()) {
            tap::check_eq(e.value().poll_stats().polls(), 10 * e.key(),
                          "entry " + std::to_string(e.key()) + " keeps its stats");
            polls += e.value().poll_stats().polls();
        }
        tap::check_eq(polls, uint64_t{60}, "the entries are the map's, once each");
        tap::check_eq(v.task_update().dropped_events(), uint64_t{4}, "task dropped events decode");
        tap::check_eq(v.resource_update().stats_update(0).key(), uint64_t{9}, "resource stats decode with their id");
        tap::check_eq(v.resource_update().stats_update(0).value().created_at().seconds(), int64_t{5},
                      "resource stats decode with their values");
        tap::check_eq(v.resource_update().new_poll_ops(0).name(), std::string("poll_recv"), "poll ops decode");
        tap::check_eq(v.async_op_update().stats_update(0).value().poll_stats().polls(), uint64_t{3},
                      "async op stats decode");
        tap::check_eq(v.new_metadata().metadata(0).metadata().name(), std::string("runtime.spawn"), "metadata decodes");

        // And the view's bytes, read as the protocol.
        pb::instrument::Update back;
        tap::check(
            back.ParseFromString(v.SerializeAsString()) && google::protobuf::util::MessageDifferencer::Equals(back, u),
            "the view encodes back to the same Update");
    }
}

// Two encodings in a row merge; for a map the last entry of a key wins.
void check_duplicate_entries() {
    pb::instrument::Update first, second;
    ts(first.mutable_now(), kBase);
    (*first.mutable_task_update()->mutable_stats_update())[5].mutable_poll_stats()->set_polls(1);
    (*second.mutable_task_update()->mutable_stats_update())[5].mutable_poll_stats()->set_polls(2);
    std::string twice = first.SerializeAsString() + second.SerializeAsString();
    pb::instrument::Update as_map;
    tap::check(as_map.ParseFromString(twice) && as_map.task_update().stats_update().at(5).poll_stats().polls() == 2,
               "as the protocol's map, the later of two entries for a task wins");
    view::Update dup_view;
    if (tap::check(dup_view.ParseFromString(twice), "duplicate entries decode as the view")) {
        tap::check_eq(dup_view.task_update().stats_update_size(), 2, "the view keeps both entries, in order");
        model::Model m;
        m.apply(dup_view, 0);
        const model::Task* t = m.tasks().find(5);
        tap::check(t && t->stats.polls == 2, "the model keeps the later entry, as the map would");
        model::Model read_in_pieces;
        tap::check(read_in_pieces.apply_encoded(twice, 0), "the encoded update applies in pieces");
        t = read_in_pieces.tasks().find(5);
        tap::check(t && t->stats.polls == 2, "and the later entry wins there too");
        model::Model in_parts;
        tap::check(split_into(twice, in_parts).in_order, "split into parts on the wire");
        t = in_parts.tasks().find(5);
        tap::check(t && t->stats.polls == 2, "the later entry wins in parts as well");
    }
}

// Stats for tasks 1, 2, ... until there are at least `tasks` of them and
// `bytes` on the wire, built 2,000 entries at a time (encodings of an
// Update concatenate), so that no large parsed message has left free
// memory in the heap.
std::string stats_update_bytes(uint64_t tasks, size_t bytes) {
    std::string out;
    for (uint64_t from = 1; from <= tasks || out.size() < bytes; from += 2000) {
        pb::instrument::Update chunk;
        auto& stats = *chunk.mutable_task_update()->mutable_stats_update();
        for (uint64_t id = from; id < from + 2000; id++) {
            auto& s = stats[id];
            s.mutable_poll_stats()->set_polls(id);
            ts(s.mutable_created_at(), kBase + id);
            ts(s.mutable_poll_stats()->mutable_last_poll_started(), kBase + 2 * id);
        }
        if (out.empty())
            out.reserve(std::max(tasks / 2000 * (chunk.ByteSizeLong() + 64), bytes + chunk.ByteSizeLong()));
        chunk.AppendToString(&out);
    }
    return out;
}

void check_not_an_update() {
    std::string why;
    tap::check(wire::UpdateSplit::start(std::string("\x0a\xff\xff\xff", 4), &why) == nullptr,
               "bytes that are not an Update do not decode");
    tap::check_eq(why, std::string("invalid protobuf"), "and say so");
    // Framed as an Update whose one stats entry is not a message: found
    // only when its piece is parsed.
    std::string entry = "\x1a\x02\xff\xff";  // TaskUpdate.stats_update, two bytes that are no tag
    std::string bad = "\x12" + std::string(1, static_cast<char>(entry.size())) + entry;
    model::Model m;
    Parts parts = split_into(bad, m, &why);
    tap::check(parts.started, "a bad piece inside a sound frame starts");
    tap::check(parts.in_order && parts.failed && parts.count == 1, "and ends at that piece, failed");
    tap::check(m.tasks().size() == 0, "nothing of it applied");
}

// Checking an update costs one piece of memory, not the whole message:
// with the address space capped a little above what the process has,
// an update that would take far more parsed whole goes through; with
// no room even for its bytes, it is dropped and the process goes on.
// (Not under AddressSanitizer, which aborts rather than fail a map.)
void check_out_of_memory() {
#ifdef __SANITIZE_ADDRESS__
    tap::diag("out-of-memory decoding not tried under AddressSanitizer");
#else
    std::string large_bytes = stats_update_bytes(200000, 0);
    rlimit old{};
    getrlimit(RLIMIT_AS, &old);
    auto cap = [&](size_t above) {
        rlimit low = old;
        low.rlim_cur = address_space_bytes() + above;
        return address_space_bytes() > 0 && setrlimit(RLIMIT_AS, &low) == 0;
    };
    bool capped = cap(large_bytes.size() + (size_t{8} << 20));
    bool whole_fails = false;
    try {
        view::Update whole;
        whole_fails = !whole.ParseFromString(large_bytes);
    } catch (const std::bad_alloc&) {
        whole_fails = true;
    }
    std::string copy = large_bytes;
    wire::event::UpdatePart part;
    size_t parts = 0, largest = 0;
    auto split = wire::UpdateSplit::start(std::move(copy));
    bool failed = !split;
    while (split && split->next(part)) {
        parts++;
        if (part.piece) largest = std::max(largest, part.piece->bytes());
        failed |= part.failed;
        part = {};  // the piece is applied and freed before the next
    }
    setrlimit(RLIMIT_AS, &old);
    tap::check(capped && whole_fails, "parsed whole, a 200 k-task update does not fit in the cap");
    tap::check(!failed, "parsed in pieces, it does");
    tap::check(parts >= 200000 / 2048, "in a hundred pieces or so (" + std::to_string(parts) + ")");
    tap::check(largest <= (size_t{4} << 20), "none over 4 MiB (" + std::to_string(largest) + " bytes)");
    copy = large_bytes;
    split = wire::UpdateSplit::start(std::move(copy));
    view::release_kept_parse_memory();
    malloc_trim(0);  // what the pieces above freed is not there to reuse
    capped = cap(size_t{64} << 10);
    bool stopped = false;
    while (split && split->next(part)) {
        stopped = part.last && part.failed;
        part = {};
    }
    setrlimit(RLIMIT_AS, &old);
    tap::check(capped && stopped, "a piece that does not fit in memory ends the update, failed");
    model::Model big;
    Parts again = split_into(large_bytes, big);
    tap::check(again.in_order && !again.failed && big.tasks().size() == 200000,
               "with room again, it decodes and applies");
#endif
}

// A TaskUpdate's stats come in runs of their own, read out as values, in
// wire order; the other fields (new tasks, dropped events) in pieces
// without stats.  Every field of Stats is read: the protocol adding one
// fails here first.
void check_task_stats_runs() {
    tap::check_eq(pb::tasks::Stats::descriptor()->field_count(), 9, "Stats has the nine fields read out");
    tap::check_eq(pb::common::PollStats::descriptor()->field_count(), 5, "PollStats has the five read out");
    pb::instrument::Update u;
    auto* tu = u.mutable_task_update();
    tu->add_new_tasks()->mutable_id()->set_id(1);
    for (uint64_t id = 1; id <= 3000; id++) {
        if (id == 7) continue;  // below: an entry with nothing set
        auto& s = (*tu->mutable_stats_update())[id];
        ts(s.mutable_created_at(), kBase + static_cast<Nanos>(id));
        if (id % 2) ts(s.mutable_dropped_at(), kBase + 2 * kSec);
        ts(s.mutable_last_wake(), kBase + 3 * kSec);
        s.set_wakes(id + 1);
        s.set_waker_clones(id + 2);
        s.set_waker_drops(id + 3);
        s.set_self_wakes(id + 4);
        dur(s.mutable_scheduled_time(), 5 * kMs);
        auto* ps = s.mutable_poll_stats();
        ps->set_polls(id * 10);
        ts(ps->mutable_first_poll(), kBase + 4 * kSec);
        ts(ps->mutable_last_poll_started(), kBase + 5 * kSec);
        ts(ps->mutable_last_poll_ended(), kBase + 6 * kSec);
        dur(ps->mutable_busy_time(), 7 * kMs);
    }
    (*tu->mutable_stats_update())[7];
    tu->set_dropped_events(4);
    std::string bytes = u.SerializeAsString();
    view::Update whole;
    whole.ParseFromString(bytes);

    view::UpdateReader reader;
    tap::check(reader.start(bytes), "the update's framing is read");
    std::vector<view::TaskStatsValues> values;
    int runs = 0, mixed = 0, others = 0;
    uint64_t dropped = 0;
    view::UpdateReader::Step step;
    while (true) {
        google::protobuf::Arena arena;
        view::UpdatePiece piece;
        if ((step = reader.next(arena, piece)) != view::UpdateReader::Step::Piece) break;
        if (auto* run = std::get_if<const view::TaskStatsRun*>(&piece)) {
            runs++;
            values.insert(values.end(), (*run)->values, (*run)->values + (*run)->size);
        } else if (auto* t = std::get_if<const view::TaskUpdate*>(&piece)) {
            others++;
            mixed += (*t)->stats_update_size() > 0;
            dropped += (*t)->dropped_events();
        }
    }
    tap::check(step == view::UpdateReader::Step::End, "every piece parses");
    tap::check(runs >= 2 && others >= 1 && mixed == 0, "stats in runs of their own, more than one for 2,999 entries");
    tap::check_eq(dropped, uint64_t{4}, "the dropped events in a piece of the others");
    bool in_order = values.size() == static_cast<size_t>(whole.task_update().stats_update_size());
    for (size_t i = 0; in_order && i < values.size(); i++)
        in_order = values[i].span_id == whole.task_update().stats_update(static_cast<int>(i)).key();
    tap::check(in_order, "every entry, in wire order");
    auto find = [&](uint64_t id) {
        for (const auto& v : values)
            if (v.span_id == id) return v;
        return view::TaskStatsValues{};
    };
    auto v = find(41);
    tap::check(v.created_at == kBase + 41 && v.dropped_at == kBase + 2 * kSec && v.last_wake == kBase + 3 * kSec &&
                   v.first_poll == kBase + 4 * kSec && v.last_poll_started == kBase + 5 * kSec &&
                   v.last_poll_ended == kBase + 6 * kSec && v.busy == 7 * kMs && v.scheduled == 5 * kMs,
               "times in nanoseconds");
    tap::check(v.polls == 410 && v.wakes == 42 && v.waker_clones == 43 && v.waker_drops == 44 && v.self_wakes == 45,
               "counts as sent");
    tap::check_eq(find(42).dropped_at, Nanos{0}, "a time not sent reads 0");
    auto empty = find(7);
    tap::check(empty.span_id == 7 && empty.created_at == 0 && empty.busy == 0 && empty.polls == 0,
               "an entry with nothing set reads all 0");
}

// The model's side of parts: an update opens with its first part and
// closes with its last; a part after a reset, or a first part where the
// last of the one before never came, does not leave it half open.
void check_part_edges() {
    model::Model m;
    m.apply_part(nullptr, true, false, 0);
    tap::check(m.updating(), "a first part opens an update");
    m.apply_part(nullptr, true, false, 0);
    tap::check(m.updating() && m.updates() == 2, "another first part closes it and opens the next");
    m.reset();
    tap::check(!m.updating(), "a reset closes it");
    m.apply_part(nullptr, false, true, 0);
    tap::check(!m.updating() && m.updates() == 0, "a last part after a reset is ignored");
}

// Stats of tasks 1..n: polls of id + `more`, each task done when `done`.
std::string stats_bytes(uint64_t n, uint64_t more, bool done) {
    pb::instrument::Update u;
    auto& stats = *u.mutable_task_update()->mutable_stats_update();
    for (uint64_t id = 1; id <= n; id++) {
        auto& s = stats[id];
        s.mutable_poll_stats()->set_polls(id + more);
        ts(s.mutable_created_at(), kBase + id);
        if (done) ts(s.mutable_dropped_at(), kBase + 2 * id);
    }
    return u.SerializeAsString();
}

// Part way through an update, each row is whole (its stats from one
// update) and keeps its place (its sort keys are the last whole
// update's), while the counts and the generation are those of the last
// whole update; when the last part is in and the rows have settled, they
// follow.  `steps`: the last part closes the update in steps.
void check_half_applied(bool steps) {
    constexpr uint64_t n = 20000;
    model::Model m;
    split_into(stats_bytes(n, 0, false), m);
    const uint64_t gen = m.generation();
    const auto counts = m.tasks().count_by_state();
    std::vector<wire::event::UpdatePart> parts;
    auto split = wire::UpdateSplit::start(stats_bytes(n, 1, true));
    for (wire::event::UpdatePart p; split && split->next(p);) parts.push_back(std::move(p));
    tap::check(parts.size() >= 4, "an update of 20 k tasks comes in several parts");
    const auto close = steps ? model::Model::Close::InSteps : model::Model::Close::Now;
    for (size_t i = 0; i < parts.size() / 2; i++)
        m.apply_part(parts[i].piece.get(), parts[i].first, parts[i].last, 0, close);
    tap::check(m.updating() && !m.settling(), "half the parts in: updating");
    const model::TaskTable& t = m.tasks();
    size_t fresh = 0, whole = 0, placed = 0;
    for (size_t r = 0; r < t.size(); r++) {
        const model::Task& task = t.row(r);
        bool is_new = task.stats.polls == task.span_id + 1;
        fresh += is_new;
        whole += is_new == (task.stats.dropped_at != 0);
        placed += t.keys().polls[r] == task.span_id && t.keys().state[r] != static_cast<uint8_t>(model::TaskState::Done);
    }
    tap::check(fresh > 0 && fresh < n, "some rows are from the new update, some from the one before");
    tap::check_eq(whole, t.size(), "every row is whole: its stats from one update");
    tap::check_eq(placed, t.size(), "every row sorts as in the last whole update");
    tap::check(m.tasks().count_by_state() == counts, "the counts by state are the last whole update's");
    tap::check_eq(m.generation(), gen, "the generation is the last whole update's");
    for (size_t i = parts.size() / 2; i < parts.size(); i++)
        m.apply_part(parts[i].piece.get(), parts[i].first, parts[i].last, 0, close);
    if (steps) {
        tap::check(m.updating() && m.settling() && m.generation() == gen, "the last part in: settling, still updating");
        int calls = 1;
        while (!m.settle(1000)) calls++;
        tap::check_eq(calls, 20, "settled 1,000 rows a step: 20 steps");
        tap::check(!m.settling() && m.settle(1000), "settled: nothing left to settle");
    }
    tap::check(!m.updating() && m.generation() != gen, "the update whole: a new generation");
    size_t keyed = 0;
    for (size_t r = 0; r < t.size(); r++)
        keyed += t.keys().polls[r] == t.row(r).span_id + 1 && t.keys().state[r] == static_cast<uint8_t>(model::TaskState::Done);
    tap::check_eq(keyed, t.size(), "every row sorts by the new update");
    tap::check_eq(m.tasks().count_by_state()[static_cast<int>(model::TaskState::Done)], n,
                  "and the counts are the new update's");
}

// Of a large update, the pages the parse has passed go back to the system
// (they read as zeros after), but only once nobody else holds the bytes.
void check_pages_given_back() {
    const std::string original = stats_update_bytes(0, size_t{40} << 20);
    for (bool held : {false, true}) {
        auto split = wire::UpdateSplit::start(std::string(original));
        wire::event::UpdatePart part;
        split->next(part);
        std::shared_ptr<const std::string> holder = part.bytes;
        const char* data = holder->data();
        if (!held) holder.reset();
        part = {};
        size_t parts = 1;
        while (parts < 400 && split->next(part)) parts++;  // about half the update
        // The first whole 4 MiB past the first page: read by now.
        const char* from = data + 4096 - reinterpret_cast<uintptr_t>(data) % 4096;
        size_t zeros = 0;
        for (size_t i = 0; i < (size_t{4} << 20); i++) zeros += from[i] == 0;
        if (held)
            tap::check(std::memcmp(from, original.data() + (from - data), size_t{4} << 20) == 0,
                       "while another holds a large update's bytes, none are given back");
        else
            tap::check_eq(zeros, size_t{4} << 20,
                          "the pages of a large update that the parse has passed are given back");
        bool rest_ok = true;
        while (split->next(part)) rest_ok &= !part.failed;
        tap::check(rest_ok, "and the rest of it still parses");
    }
}

// The messages a run of stats is parsed into go from one update's reader
// to the next (a reader reads one update), and back to the system with
// the rest of what parsing keeps.  Counted by malloc itself.
void check_run_messages_kept() {
#ifdef __SANITIZE_ADDRESS__
    tap::skip("malloc's own counts are not kept under AddressSanitizer");
#else
    const std::string bytes = stats_update_bytes(4000, 0);
    auto read_all = [&bytes] {
        auto split = wire::UpdateSplit::start(std::string(bytes));
        wire::event::UpdatePart part;
        bool ok = split != nullptr;
        while (split && split->next(part)) {
            ok &= !part.failed;
            part = {};
        }
        return ok;
    };
    view::release_kept_parse_memory();
    bool ok = read_all();
    const size_t kept = unit_test::heap_in_use();
    ok &= read_all();
    const size_t again = unit_test::heap_in_use();
    view::release_kept_parse_memory();
    const size_t released = unit_test::heap_in_use();
    tap::check(ok, "two updates of 4,000 tasks' stats parse");
    tap::check(again <= kept + (64 << 10), "the second parses into the messages the first kept (" +
                                               std::to_string(kept) + " then " + std::to_string(again) + " bytes)");
    tap::check(kept >= released + (512 << 10), "giving back what parsing keeps frees them (" + std::to_string(kept) +
                                                   " then " + std::to_string(released) + " bytes)");
#endif
}

void check_empty_update() {
    model::Model m;
    Parts parts = split_into(std::string(), m);
    tap::check(parts.started && parts.count == 1 && parts.in_order && !parts.failed,
               "an empty Update is one part, first and last");
    tap::check_eq(m.updates(), uint64_t{1}, "and counts as an update");
}

}  // namespace

int main() {
    check_mirrors();
    check_protocol_as_view();
    check_duplicate_entries();
    check_not_an_update();
    check_out_of_memory();
    check_empty_update();
    check_part_edges();
    check_half_applied(false);
    check_half_applied(true);
    check_pages_given_back();
    check_task_stats_runs();
    check_run_messages_kept();
    return tap::done();
}
