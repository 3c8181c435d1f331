// The console's model of the instrumented application: everything the
// Update stream said, merged.  Plain data; the terminal front end reads it
// through const references.  Knows nothing of the network or the screen.
#pragma once

#include <cstdint>
#include <optional>

#include "instrument.pb.h"
#include "model/intern.h"
#include "model/lints.h"
#include "model/metadata.h"
#include "model/task_table.h"

namespace model {

enum class Temporality { Live, Pausing, Paused, Unpausing, Unknown };

class Model {
public:
    explicit Model(LintConfig lints = {}, std::optional<Nanos> retain_for = 6'000'000'000);

    // Applies one Update received at local monotonic time `local_ns`.
    void apply(const rs::tokio::console::instrument::Update& update, Nanos local_ns);
    // A new connection: what the old process said no longer holds.
    void reset();
    // Keeps the clock and lints moving between updates.
    void tick(Nanos local_ns);

    // The server's clock now: the last Update's `now`, advanced by local
    // time while live, frozen while paused.
    Nanos now(Nanos local_ns) const;
    Nanos last_update_now() const { return server_now_; }
    uint64_t updates() const { return updates_; }

    Temporality temporality() const { return temporality_; }
    void set_temporality(Temporality t) { temporality_ = t; }
    bool paused() const { return temporality_ == Temporality::Paused || temporality_ == Temporality::Pausing; }

    const StringPool& strings() const { return strings_; }
    const MetadataRegistry& metadata() const { return metas_; }
    const TaskTable& tasks() const { return tasks_; }
    TaskTable& tasks() { return tasks_; }
    const LintConfig& lint_config() const { return lints_; }

private:
    StringPool strings_;
    MetadataRegistry metas_;
    TaskTable tasks_;
    LintConfig lints_;
    std::optional<Nanos> retain_for_;
    Temporality temporality_ = Temporality::Live;
    Nanos server_now_ = 0;
    Nanos local_at_update_ = 0;
    uint64_t updates_ = 0;
};

const char* temporality_name(Temporality t);

}  // namespace model
