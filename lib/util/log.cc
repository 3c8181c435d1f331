// The log file writer and the --log filter.
#include "util/log.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "util/text.h"

namespace util {

namespace {

std::mutex g_mutex;
FILE* g_file = nullptr;
std::string g_path;
LogFilter g_filter;
// The most verbose level any directive enables; a lock-free first check.
std::atomic<int> g_max{0};

const char* const kNames[] = {"off", "error", "warn", "info", "debug", "trace"};

// What --log directives may be padded with.
constexpr std::string_view kSpace = " \t\r\n";

bool valid_target(const std::string& t) {
    if (t.empty()) return false;
    for (char c : t)
        if (!(isalnum((unsigned char)c) || c == '_' || c == ':' || c == '-' || c == '.')) return false;
    return true;
}

// Makes `dir` and its parents, like mkdir -p.
bool make_dirs(const std::string& dir, std::string& error) {
    std::string path;
    size_t pos = 0;
    while (pos <= dir.size()) {
        size_t next = dir.find('/', pos);
        if (next == std::string::npos) next = dir.size();
        path = dir.substr(0, next);
        pos = next + 1;
        if (path.empty()) continue;
        if (mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
            error = "cannot create log directory '" + path + "': " + strerror(errno);
            return false;
        }
    }
    struct stat st;
    if (stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        error = "log directory '" + dir + "' is not a directory";
        return false;
    }
    return true;
}

void write_line(LogLevel level, const char* target, const char* fmt, va_list ap) {
    char stack[1024];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(stack, sizeof stack, fmt, copy);
    va_end(copy);
    std::string msg;
    if (n < 0) {
        msg = "(unformattable message)";
    } else if ((size_t)n < sizeof stack) {
        msg.assign(stack, n);
    } else {
        msg.resize(n + 1);
        vsnprintf(msg.data(), msg.size(), fmt, ap);
        msg.resize(n);
    }
    // One record per line: control characters are escaped.
    std::string clean = escape_controls(msg, Escape::Hex);

    struct timeval tv;
    gettimeofday(&tv, nullptr);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char stamp[64];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);

    std::lock_guard<std::mutex> lock(g_mutex);
    if (!g_file) return;
    char upper[8];
    const char* name = kNames[(int)level];
    size_t i = 0;
    for (; name[i] && i < sizeof upper - 1; i++) upper[i] = (char)toupper(name[i]);
    upper[i] = 0;
    fprintf(g_file, "%s.%06ldZ %5s %s: %s\n", stamp, (long)tv.tv_usec, upper, target, clean.c_str());
    fflush(g_file);
}

}  // namespace

const char* log_level_name(LogLevel level) {
    return kNames[(int)level];
}

bool parse_log_level(const std::string& text, LogLevel& out) {
    std::string t = trim(text, kSpace);
    for (int i = 0; i <= 5; i++) {
        if (strcasecmp(t.c_str(), kNames[i]) == 0 || t == std::to_string(i)) {
            out = (LogLevel)i;
            return true;
        }
    }
    return false;
}

bool parse_log_filter(const std::string& text, LogFilter& out, std::string& error) {
    LogFilter filter;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t comma = text.find(',', pos);
        if (comma == std::string::npos) comma = text.size();
        std::string item = trim(text.substr(pos, comma - pos), kSpace);
        pos = comma + 1;
        if (item.empty()) continue;
        size_t eq = item.find('=');
        LogLevel level;
        if (eq == std::string::npos) {
            if (parse_log_level(item, level)) {
                filter.fallback = level;
                continue;
            }
            if (!valid_target(item)) {
                error = "invalid log directive '" + item + "'";
                return false;
            }
            filter.directives.push_back({item, LogLevel::Trace});
            continue;
        }
        std::string target = trim(item.substr(0, eq), kSpace);
        std::string lvl = trim(item.substr(eq + 1), kSpace);
        if (!valid_target(target)) {
            error = "invalid log target '" + target + "' in '" + item + "'";
            return false;
        }
        if (!parse_log_level(lvl, level)) {
            error = "invalid log level '" + lvl + "' in '" + item + "'";
            return false;
        }
        filter.directives.push_back({target, level});
    }
    out = std::move(filter);
    return true;
}

LogLevel LogFilter::level_for(const std::string& target) const {
    const Directive* best = nullptr;
    for (const auto& d : directives) {
        if (target.compare(0, d.target.size(), d.target) != 0) continue;
        if (!best || d.target.size() >= best->target.size()) best = &d;
    }
    return best ? best->level : fallback;
}

bool LogFilter::all_off() const {
    if (fallback != LogLevel::Off) return false;
    for (const auto& d : directives)
        if (d.level != LogLevel::Off) return false;
    return true;
}

std::string LogFilter::to_string() const {
    std::string s;
    if (fallback != LogLevel::Off || directives.empty()) s = log_level_name(fallback);
    for (const auto& d : directives) {
        if (!s.empty()) s += ',';
        s += d.target + "=" + log_level_name(d.level);
    }
    return s;
}

bool log_init(const LogFilter& filter, const std::string& dir, std::string& error) {
    log_close();
    if (filter.all_off()) return true;
    if (!make_dirs(dir, error)) return false;

    time_t now = time(nullptr);
    struct tm tm;
    gmtime_r(&now, &tm);
    char base[64];
    strftime(base, sizeof base, "%Y-%m-%dT%H%M%SZ", &tm);
    std::string path;
    int fd = -1;
    for (int i = 0; i < 100 && fd < 0; i++) {
        path = dir + "/" + base + (i ? "-" + std::to_string(i) : std::string()) + ".log";
        fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) {
        error = "cannot create log file '" + path + "': " + strerror(errno);
        return false;
    }
    FILE* f = fdopen(fd, "w");
    if (!f) {
        error = "cannot open log file '" + path + "': " + strerror(errno);
        close(fd);
        return false;
    }
    int max = (int)filter.fallback;
    for (const auto& d : filter.directives) max = std::max(max, (int)d.level);
    {
        std::lock_guard<std::mutex> lock(g_mutex);
        g_file = f;
        g_path = path;
        g_filter = filter;
    }
    g_max.store(max);
    return true;
}

std::string log_path() {
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_path;
}

void log_close() {
    g_max.store(0);
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_file) fclose(g_file);
    g_file = nullptr;
    g_path.clear();
    g_filter = LogFilter();
}

bool log_enabled(LogLevel level, const char* target) {
    if (level == LogLevel::Off || (int)level > g_max.load(std::memory_order_relaxed)) return false;
    std::lock_guard<std::mutex> lock(g_mutex);
    return g_file && (int)level <= (int)g_filter.level_for(target);
}

void log_at(LogLevel level, const char* target, const char* fmt, ...) {
    if (!log_enabled(level, target)) return;
    va_list ap;
    va_start(ap, fmt);
    write_line(level, target, fmt, ap);
    va_end(ap);
}

#define LOG_SHORTCUT(fn, lvl)                             \
    void fn(const char* fmt, ...) {                       \
        if (!log_enabled(lvl, kDefaultLogTarget)) return; \
        va_list ap;                                       \
        va_start(ap, fmt);                                \
        write_line(lvl, kDefaultLogTarget, fmt, ap);      \
        va_end(ap);                                       \
    }
LOG_SHORTCUT(log_error, LogLevel::Error)
LOG_SHORTCUT(log_warn, LogLevel::Warn)
LOG_SHORTCUT(log_info, LogLevel::Info)
LOG_SHORTCUT(log_debug, LogLevel::Debug)
LOG_SHORTCUT(log_trace, LogLevel::Trace)
#undef LOG_SHORTCUT

}  // namespace util
