// The simulated instrumented application: metadata, tasks, resources, async
// operations and poll operations with their statistics, as console-subscriber
// aggregates them.  Scenarios and the demo drive it; the gRPC service reads
// it.  Every change bumps a sequence number, so each watcher can ask for
// "everything" (its first Update) or "what changed since sequence N" on its
// own.  All methods lock; times are wall-clock nanoseconds since the epoch.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common.pb.h"
#include "histogram.h"
#include "instrument.pb.h"
#include "tasks.pb.h"

namespace peer {

namespace pb {
using namespace rs::tokio::console;
}

int64_t wall_now_ns();
// --frozen-clock: the clock starts at `at_ns`, and every Update and
// TaskDetails says it is `at_ns` (stamp_now_ns()), so that a static
// scenario gives the same durations on every run.  Events still happen
// as time passes.
void freeze_clock(int64_t at_ns);
// The `now` a message carries.
int64_t stamp_now_ns();
void set_timestamp(google::protobuf::Timestamp* ts, int64_t ns);
void set_duration(google::protobuf::Duration* d, int64_t ns);

// A field value as a scenario gives it; the wire form is chosen by kind.
struct Value {
    enum Kind { Debug, Str, U64, I64, Bool } kind = Debug;
    std::string text;
    uint64_t u = 0;
    int64_t i = 0;
    bool b = false;
};

struct FieldDef {
    std::string name;
    Value value;
    std::string unit;  // attributes only
};

struct MetaDef {
    std::string name;    // "runtime.spawn"
    std::string target;  // "tokio::task"
    std::string module_path;
    std::string file;
    uint32_t line = 0;
    bool event = false;
    std::vector<std::string> field_names;
};

struct Location {
    std::string file, module_path;
    uint32_t line = 0, column = 0;
    bool empty() const { return file.empty() && module_path.empty() && line == 0; }
};

struct TaskDef {
    uint64_t id = 0;  // 0: allocate a span-like id
    std::string name;
    std::string target = "tokio::task";
    Location location;
    bool blocking = false;
    bool name_idx = false;  // fields named by index into the metadata
    bool tokio_id = true;   // add tokio's own "task.id" field
    std::vector<FieldDef> fields;
    std::vector<uint64_t> parents;  // span ids of parent tasks (Task.parents)
};

struct ResourceDef {
    uint64_t id = 0;
    std::string concrete_type;
    std::string kind;  // "timer" is the known kind; anything else is other
    std::string target;
    Location location;
    uint64_t parent = 0;
    bool internal = false;
    std::vector<FieldDef> attributes;
};

struct AsyncOpDef {
    uint64_t id = 0;
    std::string source;
    uint64_t resource = 0;
    uint64_t parent = 0;
    uint64_t task = 0;
    std::vector<FieldDef> attributes;
};

class World {
public:
    World();

    uint64_t register_meta(const MetaDef& def);

    uint64_t spawn_task(const TaskDef& def, int64_t at);
    void poll_begin(uint64_t task, int64_t at);
    void poll_end(uint64_t task, int64_t at);
    void wake(uint64_t task, int64_t at, bool self_wake);
    void waker_clone(uint64_t task, uint64_t n = 1);
    void waker_drop(uint64_t task, uint64_t n = 1);
    void complete_task(uint64_t task, int64_t at);
    bool task_polling(uint64_t task) const;

    uint64_t create_resource(const ResourceDef& def, int64_t at);
    void set_resource_attr(uint64_t resource, const FieldDef& attr);
    void drop_resource(uint64_t resource, int64_t at);

    uint64_t create_async_op(const AsyncOpDef& def, int64_t at);
    void async_op_poll(uint64_t op, uint64_t task, int64_t begin, int64_t end);
    void set_async_op_attr(uint64_t op, const FieldDef& attr);
    void drop_async_op(uint64_t op, int64_t at);
    void poll_op(uint64_t task, uint64_t resource, uint64_t op, const std::string& name, bool ready);

    enum class Stream { Tasks, Resources, AsyncOps };
    void dropped_events(Stream which, uint64_t n);

    // Removes entities dropped more than retain_ns ago.
    void expire(int64_t now, int64_t retain_ns);

    // The Update for a watcher that has seen everything up to `since`
    // (0: a first, complete Update).  Returns the sequence it covers.
    uint64_t build_update(uint64_t since, int64_t now, pb::instrument::Update* out) const;
    // Details of one task; false when no such task is known.
    bool task_details(uint64_t task, int64_t now, pb::tasks::TaskDetails* out) const;

    // Temporality, as Pause and Resume (or a scenario) set it.
    void set_paused(bool paused) { paused_ = paused; }
    bool paused() const { return paused_; }

    size_t live_tasks() const;
    size_t task_count() const;

private:
    struct Entity {
        uint64_t id = 0;
        uint64_t born = 0, changed = 0;
        int64_t created = 0, dropped = -1;
    };
    struct Polls {
        uint64_t polls = 0;
        int64_t first = -1, started = -1, ended = -1, busy = 0;
    };
    struct TaskRec : Entity {
        pb::tasks::Task proto;
        uint64_t wakes = 0, clones = 0, drops = 0, self_wakes = 0;
        int64_t last_wake = -1, woken = -1, scheduled = 0;
        Polls polls;
        DurationHist poll_hist, sched_hist;
    };
    struct ResourceRec : Entity {
        pb::resources::Resource proto;
        std::vector<FieldDef> attributes;
    };
    struct AsyncOpRec : Entity {
        pb::async_ops::AsyncOp proto;
        uint64_t task = 0;
        Polls polls;
        std::vector<FieldDef> attributes;
    };
    template <class T>
    struct Logged {
        uint64_t seq;
        T item;
    };

    TaskRec* task(uint64_t id);
    uint64_t meta_for(const std::string& name, const std::string& target, const std::vector<std::string>& fields);
    uint64_t next_id(uint64_t wanted);
    void touch(Entity& e) { e.changed = ++seq_; }
    void fill_field(pb::common::Field* f, const FieldDef& def, uint64_t meta) const;
    void fill_attrs(google::protobuf::RepeatedPtrField<pb::common::Attribute>* out, const std::vector<FieldDef>& attrs,
                    uint64_t meta) const;
    static void fill_polls(pb::common::PollStats* out, const Polls& p);
    static void set_attr(std::vector<FieldDef>& attrs, const FieldDef& attr);

    std::atomic<bool> paused_{false};
    mutable std::mutex mu_;
    uint64_t seq_ = 0;
    uint64_t ids_ = 0;
    uint64_t tokio_ids_ = 0;
    uint64_t meta_ids_;
    std::vector<Logged<pb::common::RegisterMetadata::NewMetadata>> metadata_;
    std::map<std::string, uint64_t> meta_by_key_;
    std::map<uint64_t, std::vector<std::string>> meta_fields_;
    std::map<uint64_t, TaskRec> tasks_;
    std::map<uint64_t, ResourceRec> resources_;
    std::map<uint64_t, AsyncOpRec> async_ops_;
    std::deque<Logged<pb::resources::PollOp>> poll_ops_;
    std::deque<Logged<std::pair<Stream, uint64_t>>> dropped_;
};

}  // namespace peer
