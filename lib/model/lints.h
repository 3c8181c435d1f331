// Lints: warnings about tasks that look stuck or wasteful, with upstream's
// rules and default thresholds, plus a long-poll lint of our own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/task.h"

namespace model {

enum class Lint : uint8_t { SelfWakes, LostWaker, NeverYielded, AutoBoxedFuture, LargeFuture, LongPoll };
constexpr int kLintCount = 6;

struct LintConfig {
    uint16_t enabled = 0x1f;  // upstream's five; long-poll is opt-in
    uint64_t self_wakes_percent = 50;
    Nanos never_yielded_after = 1'000'000'000;
    int64_t large_future_bytes = 1024;
    Nanos long_poll = 10'000'000;

    bool on(Lint l) const { return enabled & (1u << static_cast<int>(l)); }
};

const char* lint_name(Lint l);  // "self-wakes", ...
bool lint_from_name(std::string_view name, Lint& out);

// The warnings that hold for `task` at server time `now`, as a bit mask.
uint16_t check_lints(const Task& task, Nanos now, const LintConfig& config);

// Upstream's wording, durations as the tables show them (`ascii`: "us").
// One line for the list of warnings: "2 tasks have lost their wakers".
std::string lint_summary(Lint l, uint64_t count, const LintConfig& config, bool ascii);
// A sentence for the task view: "This task has lost its waker, ...".
std::string lint_sentence(Lint l, const Task& task, Nanos now, const LintConfig& config, bool ascii);

}  // namespace model
