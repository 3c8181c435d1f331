// term-bytes: how many bytes a full-screen program writes to its terminal
// per second once it has settled.
//
//   term-bytes [--size COLSxROWS] [--warmup SECONDS] [--seconds SECONDS]
//              [--label TEXT] [--target BYTES] [--save FILE] [-v] -- COMMAND [ARGS...]
//
// Runs COMMAND in a pseudo-terminal of the given size (default 200x50)
// with TERM=xterm-256color and LANG=C.UTF-8, discards what it writes in
// the first --warmup seconds (default 5), then counts its output for
// --seconds (default 10) and prints the average rate, and the busiest
// one-second interval.  Then it types q and waits for the program to
// end (SIGTERM, then SIGKILL, if it does not).  --save keeps the counted
// bytes; -v prints the count of each second.  Exits non-zero when the
// program ends early or writes nothing while counted.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

void usage() {
    fprintf(stderr, "usage: term-bytes [--size COLSxROWS] [--warmup SECONDS] [--seconds SECONDS]\n"
                    "                  [--label TEXT] [--target BYTES] [--save FILE] [-v] -- COMMAND [ARGS...]\n");
    exit(2);
}

// Reads what is waiting on the pty master; returns bytes read, 0 when the
// other side has closed.
ssize_t drain(int fd, std::string* keep) {
    char buf[65536];
    ssize_t total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0) {
            total += n;
            if (keep) keep->append(buf, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return total ? total : -1;
        return total;  // EOF or EIO: the program closed its terminal
    }
}

// Waits up to `secs` for the child to end; true when it has.
bool reap(pid_t pid, int master, double secs, int* status) {
    auto t0 = Clock::now();
    while (seconds_since(t0) < secs) {
        if (waitpid(pid, status, WNOHANG) == pid) return true;
        pollfd p = {master, POLLIN, 0};
        if (poll(&p, 1, 20) > 0) drain(master, nullptr);  // keep it from blocking on output
    }
    return waitpid(pid, status, WNOHANG) == pid;
}

struct Options {
    int cols = 200, rows = 50;
    double warmup = 5, seconds = 10;
    long target = 4096;
    bool verbose = false;
    std::string label = "terminal bytes", save;
    char** command = nullptr;  // COMMAND [ARGS...], null-terminated as argv is
};

Options parse_args(int argc, char** argv) {
    Options o;
    int i = 1;
    for (; i < argc; i++) {
        std::string a = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) usage();
            return argv[++i];
        };
        if (a == "--") {
            i++;
            break;
        }
        if (a == "--size") {
            if (sscanf(value(), "%dx%d", &o.cols, &o.rows) != 2 || o.cols <= 0 || o.rows <= 0) usage();
        } else if (a == "--warmup")
            o.warmup = atof(value());
        else if (a == "--seconds")
            o.seconds = atof(value());
        else if (a == "--label")
            o.label = value();
        else if (a == "--target")
            o.target = atol(value());
        else if (a == "--save")
            o.save = value();
        else if (a == "-v")
            o.verbose = true;
        else
            usage();
    }
    if (i >= argc || o.seconds <= 0) usage();
    o.command = argv + i;
    return o;
}

// Starts the command in a pseudo-terminal of the chosen size; its pid, or
// -1 when there is no pseudo-terminal.
pid_t start_command(const Options& o, int* master) {
    winsize ws{};
    ws.ws_col = static_cast<unsigned short>(o.cols);
    ws.ws_row = static_cast<unsigned short>(o.rows);
    pid_t pid = forkpty(master, nullptr, nullptr, &ws);
    if (pid < 0) {
        fprintf(stderr, "term-bytes: cannot open a pseudo-terminal: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        unsetenv("LC_ALL");
        unsetenv("COLORTERM");
        unsetenv("NO_COLOR");
        execvp(o.command[0], o.command);
        fprintf(stderr, "term-bytes: cannot run '%s': %s\n", o.command[0], strerror(errno));
        _exit(127);
    }
    fcntl(*master, F_SETFL, fcntl(*master, F_GETFL) | O_NONBLOCK);
    // Set again on the master side, so that the size holds whatever the
    // child did with its terminal before we got here.
    ioctl(*master, TIOCSWINSZ, &ws);
    return pid;
}

// What the command wrote while counted.
struct Count {
    Clock::time_point start;
    std::vector<long> per_second;
    std::string kept;
    long counted = 0;
    bool ended = false;  // the command closed its terminal early
};

Count count_output(const Options& o, int master) {
    Count c;
    c.start = Clock::now();
    c.per_second.assign(static_cast<size_t>(o.seconds + 0.999), 0);
    for (;;) {
        double t = seconds_since(c.start);
        if (t >= o.warmup + o.seconds) break;
        pollfd p = {master, POLLIN, 0};
        int r = poll(&p, 1, 50);
        if (r < 0 && errno != EINTR) break;
        if (r <= 0) continue;
        t = seconds_since(c.start);
        bool counting = t >= o.warmup;
        ssize_t n = drain(master, counting && !o.save.empty() ? &c.kept : nullptr);
        if (n == 0) {
            c.ended = true;
            break;
        }
        if (n > 0 && counting) {
            c.counted += n;
            size_t s = std::min(c.per_second.size() - 1, static_cast<size_t>(t - o.warmup));
            c.per_second[s] += n;
        }
    }
    return c;
}

// Quit as a user would; then insist.
void stop_command(pid_t pid, int master, bool ended) {
    int status = 0;
    bool reaped = false;
    if (!ended) {
        (void)!write(master, "q", 1);
        reaped = reap(pid, master, 3, &status);
        if (!reaped) {
            kill(pid, SIGTERM);
            reaped = reap(pid, master, 2, &status);
        }
        if (!reaped) kill(pid, SIGKILL);
    }
    if (!reaped) waitpid(pid, &status, 0);
    close(master);
}

// Prints the rate; the exit status.
int report(const Options& o, const Count& c) {
    if (!o.save.empty()) {
        FILE* f = fopen(o.save.c_str(), "wb");
        if (!f || fwrite(c.kept.data(), 1, c.kept.size(), f) != c.kept.size() || fclose(f) != 0)
            fprintf(stderr, "term-bytes: cannot write '%s'\n", o.save.c_str());
    }
    if (c.ended) {
        fprintf(stderr, "term-bytes: '%s' ended after %.1f s, before the count was done\n", o.command[0],
                seconds_since(c.start));
        return 1;
    }
    if (o.verbose) {
        fprintf(stderr, "term-bytes: per second:");
        for (long b : c.per_second) fprintf(stderr, " %ld", b);
        fprintf(stderr, "\n");
    }
    if (c.counted == 0) {
        fprintf(stderr, "term-bytes: '%s' wrote nothing in %.0f s\n", o.command[0], o.seconds);
        return 1;
    }
    long busiest = *std::max_element(c.per_second.begin(), c.per_second.end());
    printf("%-34s %7.0f B/s average, busiest second %ld B, over %.0f s after %.0f s (target < %ld B/s)\n",
           o.label.c_str(), c.counted / o.seconds, busiest, o.seconds, o.warmup, o.target);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse_args(argc, argv);
    int master = -1;
    pid_t pid = start_command(o, &master);
    if (pid < 0) return 1;
    Count c = count_output(o, master);
    stop_command(pid, master, c.ended);
    return report(o, c);
}
