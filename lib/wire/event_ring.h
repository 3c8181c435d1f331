// A bounded ring between exactly one producer thread and one consumer
// thread, without locks: push() fails when the ring is full and pop() when
// it is empty, so neither side ever waits on the other.  Invariant: only
// the producer calls push(), only the consumer calls pop().
//
// EventFd is the doorbell beside it: the side that wants the other to look
// again calls notify(); the other polls fd() and calls drain() before it
// looks, so a notify that comes after the look is never lost.
#pragma once

#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>
#include <vector>

#include "wire/fd.h"

namespace wire {

template <class T>
class EventRing {
public:
    // capacity is rounded up to a power of two.
    explicit EventRing(size_t capacity) {
        size_t n = 2;
        while (n < capacity) n *= 2;
        slots_.resize(n);
        mask_ = n - 1;
    }
    EventRing(const EventRing&) = delete;
    EventRing& operator=(const EventRing&) = delete;

    size_t capacity() const { return slots_.size(); }
    // Exact on either side for what that side did; the other side's
    // concurrent push or pop may make it stale at once.
    size_t size() const { return head_.load(std::memory_order_acquire) - tail_.load(std::memory_order_acquire); }

    bool push(T&& v) {
        size_t head = head_.load(std::memory_order_relaxed);
        if (head - tail_.load(std::memory_order_acquire) >= slots_.size()) return false;
        slots_[head & mask_] = std::move(v);
        head_.store(head + 1, std::memory_order_release);
        return true;
    }

    bool pop(T& out) {
        size_t tail = tail_.load(std::memory_order_relaxed);
        if (tail == head_.load(std::memory_order_acquire)) return false;
        out = std::move(slots_[tail & mask_]);
        slots_[tail & mask_] = T();
        tail_.store(tail + 1, std::memory_order_release);
        return true;
    }

private:
    std::vector<T> slots_;
    size_t mask_ = 0;
    alignas(64) std::atomic<size_t> head_{0};  // next slot to fill
    alignas(64) std::atomic<size_t> tail_{0};  // next slot to empty
};

class EventFd {
public:
    EventFd() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
    bool ok() const { return static_cast<bool>(fd_); }
    int fd() const { return fd_.get(); }
    void notify() const {
        uint64_t one = 1;
        while (::write(fd_.get(), &one, sizeof one) < 0 && errno == EINTR) {
        }
    }
    void drain() const {
        uint64_t n;
        while (::read(fd_.get(), &n, sizeof n) < 0 && errno == EINTR) {
        }
    }

private:
    UniqueFd fd_;
};

}  // namespace wire
