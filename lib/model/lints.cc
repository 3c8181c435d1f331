#include "model/lints.h"

#include "util/duration.h"

namespace model {

namespace {
const char* const kNames[kLintCount] = {"self-wakes",        "lost-waker",   "never-yielded",
                                        "auto-boxed-future", "large-future", "long-poll"};

}  // namespace

const char* lint_name(Lint l) {
    return kNames[static_cast<int>(l)];
}

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
    if (c.on(Lint::SelfWakes) && !t.blocking && t.self_wake_percent() > c.self_wakes_percent) set(Lint::SelfWakes);
    if (c.on(Lint::LostWaker) && !t.blocking && !t.completed() && t.waker_count() == 0 && !t.running() && !t.awakened())
        set(Lint::LostWaker);
    if (c.on(Lint::NeverYielded) && !t.blocking && t.state() == TaskState::Running && t.stats.polls <= 1 &&
        t.busy(now) >= c.never_yielded_after)
        set(Lint::NeverYielded);
    if (c.on(Lint::AutoBoxedFuture) && t.size_bytes >= 0 && t.original_size_bytes >= 0 &&
        t.size_bytes != t.original_size_bytes)
        set(Lint::AutoBoxedFuture);
    if (c.on(Lint::LargeFuture) && !t.blocking && t.size_bytes >= c.large_future_bytes) set(Lint::LargeFuture);
    if (c.on(Lint::LongPoll) && !t.blocking && static_cast<Nanos>(t.long_poll_p99_us) * 1000 > c.long_poll)
        set(Lint::LongPoll);
    return w;
}

// Upstream's words: summaries follow a count (upstream always says "tasks
// have"; one task reads "1 task has"), sentences name "This task".
std::string lint_summary(Lint l, uint64_t n, const LintConfig& c, bool ascii) {
    const bool one = n == 1;
    std::string out = std::to_string(n) + (one ? " task " : " tasks ");
    switch (l) {
    case Lint::SelfWakes:
        return out + (one ? "has woken itself" : "have woken themselves") + " over " +
               std::to_string(c.self_wakes_percent) + "% of the time";
    case Lint::LostWaker: return out + (one ? "has lost its waker" : "have lost their wakers");
    case Lint::NeverYielded:
        return out + (one ? "has" : "have") + " never yielded (threshold " +
               std::to_string(c.never_yielded_after / 1'000'000) + "ms)";
    case Lint::AutoBoxedFuture:
        return out + (one ? "has" : "have") + " been boxed by the runtime due to " + (one ? "its" : "their") + " size";
    case Lint::LargeFuture:
        return out + (one ? "is " : "are ") + std::to_string(c.large_future_bytes) + " bytes or larger";
    case Lint::LongPoll:
        return out + (one ? "has" : "have") + " a p99 poll time over " + util::format_duration(c.long_poll, 2, ascii);
    }
    return {};
}

std::string lint_sentence(Lint l, const Task& t, Nanos now, const LintConfig& c, bool ascii) {
    switch (l) {
    case Lint::SelfWakes:
        return "This task has woken itself for more than " + std::to_string(c.self_wakes_percent) +
               "% of its total wakeups (" + std::to_string(t.self_wake_percent()) + "%)";
    case Lint::LostWaker: return "This task has lost its waker, and will never be woken again.";
    case Lint::NeverYielded:
        return "This task has never yielded (" + util::format_duration(t.busy(now), 2, ascii) + ")";
    case Lint::AutoBoxedFuture:
        return "This task's future was auto-boxed by the runtime when spawning, due to its size (originally " +
               std::to_string(t.original_size_bytes) + " bytes, boxed size " + std::to_string(t.size_bytes) + " bytes)";
    case Lint::LargeFuture:
        return "This task occupies a large amount of stack space (" + std::to_string(t.size_bytes) + " bytes)";
    case Lint::LongPoll:
        return "This task's p99 poll time is " + util::format_duration(Nanos(t.long_poll_p99_us) * 1000, 2, ascii) +
               ", over " + util::format_duration(c.long_poll, 2, ascii) + ": it holds up its worker thread";
    }
    return {};
}

}  // namespace model
