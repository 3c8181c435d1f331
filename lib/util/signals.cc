#include "util/signals.h"

#include <pthread.h>

#include <initializer_list>

namespace util {

namespace {

volatile sig_atomic_t g_quit = 0;
volatile sig_atomic_t g_reload = 0;
sigset_t g_wait_mask;

void on_quit(int sig) {
    g_quit = sig;
}

void on_reload(int) {
    g_reload = 1;
}

}  // namespace

void block_signals() {
    sigset_t block;
    sigemptyset(&block);
    for (int sig : {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGWINCH}) sigaddset(&block, sig);
    pthread_sigmask(SIG_BLOCK, &block, &g_wait_mask);
    // Let in at the wait; what the caller had blocked besides stays so.
    for (int sig : {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGWINCH}) sigdelset(&g_wait_mask, sig);

    struct sigaction sa {};
    sa.sa_handler = on_quit;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGTERM, SIGHUP, SIGINT, SIGQUIT}) {
        struct sigaction old {};
        sigaction(sig, nullptr, &old);
        if (sig == SIGHUP && old.sa_handler == SIG_IGN) continue;
        sigaction(sig, &sa, nullptr);
    }
}

const sigset_t& wait_mask() {
    return g_wait_mask;
}

int quit_signal() {
    return g_quit;
}

void hangup_reloads() {
    struct sigaction old {};
    sigaction(SIGHUP, nullptr, &old);
    if (old.sa_handler == SIG_IGN) return;
    struct sigaction sa {};
    sa.sa_handler = on_reload;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, nullptr);
}

bool take_reload() {
    if (!g_reload) return false;
    g_reload = 0;
    return true;
}

}  // namespace util
