// The log file: made in a new directory, one timestamped line per record,
// filtered by level and target, nothing at all when the filter is off.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "t/unit/tap.h"
#include "util/log.h"

static std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int main() {
    char tmpl[] = "/tmp/config-log.XXXXXX";
    std::string top = mkdtemp(tmpl);
    std::string dir = top + "/a/b/logs";
    std::string error;

    util::LogFilter off;
    tap::check(util::log_init(off, dir, error), "off: init succeeds");
    tap::check(!std::filesystem::exists(dir), "off: no directory, no file");
    tap::check(!util::log_enabled(util::LogLevel::Error), "off: nothing enabled");
    util::log_error("never written");

    util::LogFilter f;
    tap::check(util::parse_log_filter("info,tokio_console::wire=trace", f, error), "filter parses");
    tap::check(util::log_init(f, dir, error), "init makes the directory");
    std::string path = util::log_path();
    tap::check(path.rfind(dir + "/", 0) == 0 &&
                   std::regex_match(path.substr(dir.size() + 1), std::regex(R"(\d{4}-\d\d-\d\dT\d{6}Z(-\d+)?\.log)")),
               "file named after the time: " + path);
    util::log_info("connected to '%s'", "http://127.0.0.1:6669");
    util::log_debug("not at debug");
    util::log_at(util::LogLevel::Trace, "tokio_console::wire", "frame %d", 7);
    util::log_at(util::LogLevel::Trace, "tokio_console::tui", "not traced");
    util::log_warn("line\nbreak");
    tap::check(util::log_enabled(util::LogLevel::Trace, "tokio_console::wire::conn"), "targets match their children");
    util::log_close();
    std::string text = slurp(path);
    tap::check(
        std::regex_search(
            text,
            std::regex(
                R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z  INFO tokio_console: connected to 'http://127.0.0.1:6669'\n)")),
        "timestamp, level, target, message");
    tap::check(text.find("not at debug") == std::string::npos, "debug filtered out");
    tap::check(text.find("TRACE tokio_console::wire: frame 7") != std::string::npos, "a target's own level");
    tap::check(text.find("not traced") == std::string::npos, "other targets keep the default");
    tap::check(text.find("line\\x0abreak") != std::string::npos, "one line per record");
    tap::check(text.find("never written") == std::string::npos, "nothing from before init");

    // A second start in the same second gets a file of its own.
    tap::check(util::log_init(f, dir, error), "second init");
    std::string second = util::log_path();
    util::log_close();
    tap::check(util::log_init(f, dir, error), "third init");
    std::string third = util::log_path();
    util::log_close();
    tap::check(second != path && third != second, "every run writes a new file");

    std::ofstream(top + "/file") << "x";
    tap::check(!util::log_init(f, top + "/file/logs", error) && error.find("'" + top + "/file") != std::string::npos,
               "an impossible directory is an error naming it: " + error);
    util::log_close();
    std::filesystem::remove_all(top);
    return tap::done();
}
