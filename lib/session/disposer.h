// Frees large messages on a thread of their own: the bytes of an Update
// of a million tasks are some 100 MB, and handing them back to the system
// on the UI thread would hold up the keys for as long.  The lock is held
// only to hand a message over, never while drawing.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace session {

// Ptr: an owning pointer (unique_ptr or shared_ptr); the last owner frees.
template <typename Ptr>
class Disposer {
public:
    Disposer() {
        try {
            worker_ = std::thread([this] { loop(); });
        } catch (const std::system_error&) {
            // Out of threads: dispose() frees on the caller's thread.
        }
    }
    ~Disposer() {
        if (!worker_.joinable()) return;
        {
            std::lock_guard<std::mutex> lock(mu_);
            stop_ = true;
        }
        cv_.notify_one();
        worker_.join();
    }
    Disposer(const Disposer&) = delete;
    Disposer& operator=(const Disposer&) = delete;

    void dispose(Ptr p) {
        if (!p || !worker_.joinable()) return;  // freed here, as p goes
        {
            std::lock_guard<std::mutex> lock(mu_);
            queue_.push_back(std::move(p));
        }
        cv_.notify_one();
    }

private:
    void loop() {
        std::unique_lock<std::mutex> lock(mu_);
        for (;;) {
            cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
            std::vector<Ptr> batch;
            batch.swap(queue_);
            bool stop = stop_;
            lock.unlock();
            batch.clear();  // the frees happen here, unlocked
            lock.lock();
            if (stop && queue_.empty()) return;
        }
    }

    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Ptr> queue_;
    bool stop_ = false;
    std::thread worker_;
};

}  // namespace session
