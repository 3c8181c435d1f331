// pty-exit: how a full-screen program ends when told to from outside.
//
//   pty-exit [--runs N] [--signal TERM|HUP|INT|QUIT|hangup] [--deadline MS]
//            [--wait TEXT] [--ignore-hup] [-v] -- COMMAND [ARGS...]
//
// Runs COMMAND N times (default 1), each in a new pseudo-terminal of
// 120x40 with TERM=xterm-256color.  Each time it waits until the program
// has written TEXT (default "CONNECTED"), then sends the signal, or with
// "hangup" closes the terminal (--ignore-hup: the program starts with
// SIGHUP ignored, as under nohup, so that only the closed terminal tells
// it), and waits up to --deadline milliseconds (default 2000) for it to
// exit.  A run passes when the program exits by itself (not killed by a
// signal) within the deadline and, for a signal, has left the alternate
// screen (written rmcup) after it.  Prints the time to exit of each run
// with -v, and a summary line; exits non-zero when a run fails.
#include <poll.h>
#include <pty.h>
#include <signal.h>
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

struct Options {
    int runs = 1;
    int signal = SIGTERM;  // 0: hang up
    std::string signal_name = "TERM";
    long deadline_ms = 2000;
    std::string wait_text = "CONNECTED";
    bool ignore_hup = false;
    bool verbose = false;
    char** command = nullptr;
};

[[noreturn]] void usage() {
    fprintf(stderr, "usage: pty-exit [--runs N] [--signal TERM|HUP|INT|QUIT|hangup] [--deadline MS]\n"
                    "                [--wait TEXT] [--ignore-hup] [-v] -- COMMAND [ARGS...]\n");
    exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        std::string a = argv[i];
        auto val = [&]() -> std::string {
            if (i + 1 >= argc) usage();
            return argv[++i];
        };
        if (a == "--runs")
            o.runs = atoi(val().c_str());
        else if (a == "--deadline")
            o.deadline_ms = atol(val().c_str());
        else if (a == "--wait")
            o.wait_text = val();
        else if (a == "--ignore-hup")
            o.ignore_hup = true;
        else if (a == "-v")
            o.verbose = true;
        else if (a == "--signal") {
            o.signal_name = val();
            if (o.signal_name == "TERM")
                o.signal = SIGTERM;
            else if (o.signal_name == "HUP")
                o.signal = SIGHUP;
            else if (o.signal_name == "INT")
                o.signal = SIGINT;
            else if (o.signal_name == "QUIT")
                o.signal = SIGQUIT;
            else if (o.signal_name == "hangup")
                o.signal = 0;
            else
                usage();
        } else
            usage();
    }
    if (i + 1 >= argc || o.runs < 1) usage();
    o.command = argv + i + 1;
    return o;
}

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Appends what the master has to `out`; false when it is closed.
bool drain(int fd, std::string& out, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return true;
    char buf[65536];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<size_t>(n));
    return n > 0 || (n < 0 && errno == EINTR);
}

// One run; returns the milliseconds to exit, or -1 with `why` set.
double run_once(const Options& o, std::string& why) {
    int master = -1;
    winsize ws{40, 120, 0, 0};
    pid_t pid = forkpty(&master, nullptr, nullptr, &ws);
    if (pid < 0) {
        why = std::string("forkpty: ") + strerror(errno);
        return -1;
    }
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        unsetenv("LC_ALL");
        if (o.ignore_hup) signal(SIGHUP, SIG_IGN);
        execvp(o.command[0], o.command);
        _exit(127);
    }
    std::string out;
    auto start = Clock::now();
    while (out.find(o.wait_text) == std::string::npos) {
        if (ms_since(start) > 10000 || !drain(master, out, 50)) {
            why = "never wrote '" + o.wait_text + "'";
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
            close(master);
            return -1;
        }
    }
    size_t mark = out.size();
    auto t0 = Clock::now();
    if (o.signal)
        kill(pid, o.signal);
    else
        close(master), master = -1;
    int status = 0;
    double ms = -1;
    while (ms_since(t0) < o.deadline_ms) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            ms = ms_since(t0);
            break;
        }
        if (master < 0 || !drain(master, out, 1)) usleep(1000);
    }
    if (ms < 0) {
        why = "still running after " + std::to_string(o.deadline_ms) + " ms";
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    } else if (!WIFEXITED(status)) {
        why = "killed by signal " + std::to_string(WTERMSIG(status));
        ms = -1;
    } else if (master >= 0) {
        while (drain(master, out, 0) && out.size() < (64u << 20)) {
        }
        if (out.find("\033[?1049l", mark) == std::string::npos) {
            why = "the terminal was not restored (no rmcup)";
            ms = -1;
        }
    }
    if (master >= 0) close(master);
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse(argc, argv);
    std::vector<double> times;
    int failed = 0;
    for (int i = 1; i <= o.runs; i++) {
        std::string why;
        double ms = run_once(o, why);
        if (ms < 0) {
            failed++;
            printf("run %d: FAILED: %s\n", i, why.c_str());
            continue;
        }
        times.push_back(ms);
        if (o.verbose) printf("run %d: exited %.1f ms after %s\n", i, ms, o.signal_name.c_str());
    }
    std::sort(times.begin(), times.end());
    long over = std::count_if(times.begin(), times.end(), [](double t) { return t > 100; });
    printf("%s: %d runs, %d failed", o.signal_name.c_str(), o.runs, failed);
    if (!times.empty())
        printf(", median %.1f ms, worst %.1f ms, %ld over 100 ms", times[times.size() / 2], times.back(), over);
    printf("\n");
    return failed ? 1 : 0;
}
