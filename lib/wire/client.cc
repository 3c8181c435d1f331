// Client: runs a Connection on its own thread.  Socket, TLS, HTTP/2 and
// protobuf decoding all happen there; decoded events cross to the owner's
// thread through a bounded EventRing, with an eventfd as the doorbell the
// owner polls.  When the ring is full the network thread stops reading the
// socket until the owner takes events.  Requests from the owner (details,
// pause, reconnect, shutdown) go the other way through a short queue under
// a mutex held only to append or swap it out.
#include "wire/client.h"

#include <poll.h>
#include <pthread.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <deque>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "util/text.h"
#include "wire/connection.h"
#include "wire/event_ring.h"

namespace wire {

namespace {

// Messages waiting in the ring, in bytes (a piece of an update counts
// what its arena holds, other messages their wire size); past this the
// ring counts as full (it always takes one entry, however large).  A few
// dozen pieces keep both threads busy; 32 MB was a large update's peak
// memory more.  8 MB once made keys slower while an update was applied,
// 16 MB not; since keys are drawn at once, 8 MB does as well (and keeps
// a million tasks under 480 MiB).
constexpr uint64_t kRingBytes = 8ull << 20;
// The owner is woken for each piece of an update this large, to apply it
// while the next is parsed; for a smaller one, once its last piece is in
// the ring (each wake-up is a few system calls on both threads, and an
// update of 20 k tasks is some twenty pieces).
constexpr size_t kWakeEachPieceFrom = size_t{4} << 20;

bool same_status(const Status& a, const Status& b) {
    return a.state == b.state && a.last_error == b.last_error && a.retry_at == b.retry_at &&
           a.generation == b.generation && a.state_supported == b.state_supported;
}

}  // namespace

struct Client::Impl {
    struct Entry {
        std::optional<Event> event;  // none: a change of status alone
        Status status;
        uint64_t bytes = 0;
    };
    enum class Cmd { Watch, Pause, Resume, Reconnect, Shutdown };
    struct Command {
        Cmd cmd;
        std::vector<uint64_t> tasks;  // Watch
    };

    Target target;
    ClientOptions opt;

    // Shared between the two threads.
    EventRing<Entry> ring{opt.ring_slots};
    std::atomic<uint64_t> ring_bytes{0};
    std::atomic<bool> waiting_room{false};  // the network thread waits for a pop
    EventFd ready;                          // owner polls: the ring has entries
    EventFd wake;                           // network thread polls: commands, or room in the ring
    std::mutex cmd_mu;
    std::vector<Command> commands;

    // Owner's side.
    Status status;
    std::deque<Event> leftover;  // taken from the ring at shutdown
    bool closed = false;
    std::thread worker;

    Impl(Target t, ClientOptions o) : target(std::move(t)), opt(std::move(o)) {}

    // --- network thread ---------------------------------------------------
    bool ring_full() const {
        size_t n = ring.size();
        return n >= ring.capacity() || (n > 0 && ring_bytes.load() >= kRingBytes);
    }

    bool push_entry(Entry&& e) {
        if (ring_full()) {
            waiting_room.store(true);
            if (ring_full()) return false;
        }
        uint64_t bytes = e.bytes;
        if (!ring.push(std::move(e))) return false;
        ring_bytes.fetch_add(bytes);
        return true;
    }

    // Parses the pieces of the update at the front of the queue into the
    // ring while it has room; true when it has handed out the last one.
    bool deliver_pieces(Connection& conn, Queued& front) {
        bool unannounced = false;  // pieces in the ring the owner was not woken for
        while (true) {
            if (ring_full()) {
                waiting_room.store(true);
                if (ring_full()) {
                    if (unannounced) ready.notify();  // only the owner can make room
                    return false;
                }
            }
            event::UpdatePart part;
            if (!front.split->next(part)) return true;
            uint64_t bytes = part.piece ? part.piece->bytes() : 0;
            bool last = part.last;
            // The ring had room, and only this thread fills it.
            ring.push(Entry{Event{std::move(part)}, front.status, bytes});
            ring_bytes.fetch_add(bytes);
            unannounced = !last && front.split->size() < kWakeEachPieceFrom;
            if (!unannounced) ready.notify();
            if (last) {
                if (front.split->failed()) conn.update_failed(front.status.generation, front.split->size());
                return true;
            }
        }
    }

    // Moves the connection's events (and a change of status) into the
    // ring; gives the connection room to read only when all of them fit.
    void deliver(Connection& conn, Status& published) {
        bool pushed = false;
        auto& q = conn.queued();
        while (!q.empty()) {
            Queued& front = q.front();
            if (front.split) {
                bool done = deliver_pieces(conn, front);
                if (!done) break;
                published = front.status;
                q.pop_front();
                continue;
            }
            Entry e{std::move(front.event), front.status, front.bytes};
            if (!push_entry(std::move(e))) {
                front.event = std::move(*e.event);
                break;
            }
            published = front.status;
            q.pop_front();
            pushed = true;
        }
        if (q.empty() && !same_status(published, conn.status())) {
            if (push_entry(Entry{std::nullopt, conn.status(), 0})) {
                published = conn.status();
                pushed = true;
            }
        }
        // A ring that the last push filled stops the reading too, and only
        // a pop can start it again: ask for that pop's wake-up, then look
        // once more, as the pop may have come before the asking.
        bool full = ring_full();
        if (full) {
            waiting_room.store(true);
            full = ring_full();
        }
        size_t used = ring.size();
        size_t room = q.empty() && !full ? ring.capacity() - std::min(used, ring.capacity()) : 0;
        conn.set_room(room);
        if (pushed) ready.notify();
    }

    void run() {
        Connection conn(target, opt);
        Status published;
        bool stop = false;
        while (true) {
            std::vector<Command> cmds;
            {
                std::lock_guard<std::mutex> lock(cmd_mu);
                cmds.swap(commands);
            }
            for (const Command& c : cmds) {
                switch (c.cmd) {
                case Cmd::Watch: conn.watch_task_details(c.tasks); break;
                case Cmd::Pause: conn.send_pause(true); break;
                case Cmd::Resume: conn.send_pause(false); break;
                case Cmd::Reconnect: conn.reconnect_now(); break;
                case Cmd::Shutdown:
                    conn.shutdown();
                    stop = true;
                    break;
                }
                if (stop) break;
            }
            deliver(conn, published);
            if (stop) return;
            pollfd fds[2] = {{wake.fd(), POLLIN, 0}, {conn.fd(), conn.poll_events(), 0}};
            nfds_t n = fds[1].fd >= 0 ? 2 : 1;
            int r = poll(fds, n, conn.timeout_ms());
            if (r < 0 && errno != EINTR) r = 0;
            if (r > 0 && fds[0].revents) wake.drain();
            conn.process(n == 2 && r > 0 ? fds[1].revents : 0);
            deliver(conn, published);
        }
    }

    void start() {
        // The network thread takes no signals: they belong to the owner's
        // loop, whose poll they must interrupt.
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, &old);
        try {
            worker = std::thread([this] { run(); });
        } catch (const std::system_error& e) {
            // Out of threads (a process or container limit): this target
            // stays closed with the reason; the others go on.
            status.state = ConnState::Closed;
            status.last_error = "cannot start a thread for the connection: " + util::lower_first(e.code().message());
            closed = true;
            leftover.push_back(Event{event::Disconnected{status.last_error}});
            ready.notify();  // so that the owner takes it
        }
        pthread_sigmask(SIG_SETMASK, &old, nullptr);
    }

    // --- owner's thread ---------------------------------------------------
    void command(Cmd cmd, std::vector<uint64_t> tasks = {}) {
        if (closed) return;
        {
            std::lock_guard<std::mutex> lock(cmd_mu);
            commands.push_back(Command{cmd, std::move(tasks)});
        }
        wake.notify();
    }

    bool pop(Entry& e) {
        if (!ring.pop(e)) return false;
        ring_bytes.fetch_sub(e.bytes);
        if (waiting_room.exchange(false)) wake.notify();
        return true;
    }

    bool next_event(Event& out) {
        if (!leftover.empty()) {
            out = std::move(leftover.front());
            leftover.pop_front();
            return true;
        }
        Entry e;
        while (!closed && pop(e)) {
            status = std::move(e.status);
            if (e.event) {
                out = std::move(*e.event);
                return true;
            }
        }
        return false;
    }

    void shutdown() {
        if (closed) return;
        command(Cmd::Shutdown);
        closed = true;
        if (worker.joinable()) worker.join();
        Entry e;
        while (pop(e))
            if (e.event) leftover.push_back(std::move(*e.event));
        status.state = ConnState::Closed;
    }
};

Client::Client(Target target, ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(target), std::move(options))) {
    impl_->start();
}

Client::~Client() {
    shutdown();
}

int Client::fd() const {
    return impl_->ready.fd();
}
void Client::process(short revents) {
    if (revents) impl_->ready.drain();
}

void Client::watch_task_details(uint64_t task_id) {
    watch_tasks_details({task_id});
}
void Client::stop_task_details() {
    watch_tasks_details({});
}
void Client::watch_tasks_details(std::vector<uint64_t> task_ids) {
    impl_->command(Impl::Cmd::Watch, std::move(task_ids));
}
void Client::pause() {
    impl_->command(Impl::Cmd::Pause);
}
void Client::resume() {
    impl_->command(Impl::Cmd::Resume);
}
void Client::reconnect_now() {
    impl_->command(Impl::Cmd::Reconnect);
}
void Client::shutdown() {
    impl_->shutdown();
}
bool Client::next_event(Event& out) {
    return impl_->next_event(out);
}
const Status& Client::status() const {
    return impl_->status;
}

}  // namespace wire
