#include "model/lints.h"

#include <cstdio>

namespace model {

namespace {
const char* const kNames[kLintCount] = {"self-wakes", "lost-waker", "never-yielded",
                                        "auto-boxed-future", "large-future", "long-poll"};

std::string millis(Nanos ns) {
    char buf[32];
    snprintf(buf, sizeof buf, "%.2fms", ns / 1e6);
    return buf;
}
}  // namespace

const char* lint_name(Lint l) { return kNames[static_cast<int>(l)]; }

bool lint_from_name(std::string_view name, Lint& out) {
    for (int i = 0; i < kLintCount; i++)
        if (name == kNames[i]) {
            out = static_cast<Lint>(i);
            return true;
        }
    return false;
}

uint16_t check_lints(const Task& t, Nanos now, const LintConfig& c) {
    uint16_t w = 0;
    auto set = [&](Lint l) { w |= 1u << static_cast<int>(l); };
    if (c.on(Lint::SelfWakes) && !t.blocking && t.self_wake_percent() > c.self_wakes_percent)
        set(Lint::SelfWakes);
    if (c.on(Lint::LostWaker) && !t.blocking && !t.completed() && t.waker_count() == 0 &&
        !t.running() && !t.awakened())
        set(Lint::LostWaker);
    if (c.on(Lint::NeverYielded) && !t.blocking && t.state() == TaskState::Running &&
        t.stats.polls <= 1 && t.busy(now) >= c.never_yielded_after)
        set(Lint::NeverYielded);
    if (c.on(Lint::AutoBoxedFuture) && t.size_bytes >= 0 && t.original_size_bytes >= 0 &&
        t.size_bytes != t.original_size_bytes)
        set(Lint::AutoBoxedFuture);
    if (c.on(Lint::LargeFuture) && !t.blocking && t.size_bytes >= c.large_future_bytes)
        set(Lint::LargeFuture);
    if (c.on(Lint::LongPoll) && !t.blocking &&
        static_cast<Nanos>(t.long_poll_p99_us) * 1000 > c.long_poll)
        set(Lint::LongPoll);
    return w;
}

std::string lint_summary(Lint l, uint64_t n, const LintConfig& c) {
    std::string count = std::to_string(n) + (n == 1 ? " task " : " tasks ");
    switch (l) {
    case Lint::SelfWakes:
        return count + "woke " + (n == 1 ? "itself" : "themselves") + " in over " +
               std::to_string(c.self_wakes_percent) + "% of wakeups";
    case Lint::LostWaker: return count + (n == 1 ? "has lost its waker" : "have lost their wakers");
    case Lint::NeverYielded:
        return count + (n == 1 ? "has" : "have") + " not yielded for " +
               std::to_string(c.never_yielded_after / 1'000'000) + "ms or more";
    case Lint::AutoBoxedFuture:
        return count + (n == 1 ? "was" : "were") + " boxed at spawn for size";
    case Lint::LargeFuture:
        return count + "of " + std::to_string(c.large_future_bytes) + " bytes or more";
    case Lint::LongPoll:
        return count + "with a p99 poll time over " + millis(c.long_poll);
    }
    return {};
}

std::string lint_sentence(Lint l, const Task& t, Nanos now, const LintConfig& c) {
    switch (l) {
    case Lint::SelfWakes:
        return "Woke itself in " + std::to_string(t.self_wake_percent()) + "% of its wakeups (over " +
               std::to_string(c.self_wakes_percent) + "%).";
    case Lint::LostWaker: return "Has no waker left and is not scheduled: nothing can wake it again.";
    case Lint::NeverYielded:
        return "Has been running for " + millis(t.busy(now)) + " in its first poll without yielding.";
    case Lint::AutoBoxedFuture:
        return "The runtime boxed its future at spawn because of its size (" +
               std::to_string(t.original_size_bytes) + " bytes; " + std::to_string(t.size_bytes) +
               " bytes once boxed).";
    case Lint::LargeFuture:
        return "Its future takes " + std::to_string(t.size_bytes) + " bytes of stack (limit " +
               std::to_string(c.large_future_bytes) + ").";
    case Lint::LongPoll:
        return "Its p99 poll time is " + millis(Nanos(t.long_poll_p99_us) * 1000) + ", over " +
               millis(c.long_poll) + ": it holds up the executor.";
    }
    return {};
}

}  // namespace model
