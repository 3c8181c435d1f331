// The small shared text helpers and the regular-file reader.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "t/unit/tap.h"
#include "util/file.h"
#include "util/text.h"

using util::Escape;

static void text() {
    tap::check_eq(util::ascii_lower("HTTPS://Host"), std::string("https://host"), "ascii_lower");
    tap::check_eq(util::ascii_lower("\xc3\x89T\xc3\x89"), std::string("\xc3\x89t\xc3\x89"),
                  "ascii_lower keeps bytes above ASCII");
    tap::check_eq(util::lower_first("No such file"), std::string("no such file"), "lower_first");
    tap::check_eq(util::lower_first(""), std::string(), "lower_first of nothing");
    tap::check_eq(util::trim("  a b \t"), std::string("a b"), "trim spaces and tabs");
    tap::check_eq(util::trim(" \r\nx\n", " \r\n"), std::string("x"), "trim a given set");
    tap::check_eq(util::trim(" \t "), std::string(), "trim to nothing");

    std::string s = std::string("a\x1b[2J\\b\n\x7f\"", 10);
    tap::check_eq(util::escape_controls(s, Escape::Hex), std::string("a\\x1b[2J\\b\\x0a\\x7f\""), "hex style");
    tap::check_eq(util::escape_controls(s, Escape::HexBackslash), std::string("a\\x1b[2J\\x5cb\\x0a\\x7f\""),
                  "hex style with backslashes");
    tap::check_eq(util::escape_controls(s, Escape::Question), std::string("a?[2J\\b??\""), "question-mark style");
    tap::check_eq(util::escape_controls(s, Escape::TomlBasic), std::string("a\\u001b[2J\\\\b\\n\\u007f\\\""),
                  "TOML basic-string style");

    tap::check_eq(util::format_bytes(0), std::string("0 bytes"), "zero bytes");
    tap::check_eq(util::format_bytes(1023), std::string("1023 bytes"), "under a KiB");
    tap::check_eq(util::format_bytes(1536), std::string("1.5 KiB"), "a KiB and a half");
    tap::check_eq(util::format_bytes(3ull << 30), std::string("3.0 GiB"), "GiB");
}

static void files() {
    char dir_template[] = "/tmp/util-file.XXXXXX";
    std::string dir = mkdtemp(dir_template);
    std::string out, error;
    tap::check(util::read_regular_file(dir + "/none", 100, out, error) == util::FileStatus::Missing && error.empty(),
               "a missing file is Missing");
    {
        std::ofstream f(dir + "/small");
        f << "hello";
    }
    tap::check(util::read_regular_file(dir + "/small", 5, out, error) == util::FileStatus::Ok && out == "hello",
               "a file at the cap is read");
    tap::check(util::read_regular_file(dir + "/small", 4, out, error) == util::FileStatus::Error &&
                   error == "is larger than 4 bytes",
               "a file over the cap is refused");
    tap::check(util::read_regular_file(dir, 100, out, error) == util::FileStatus::Error &&
                   error == "is a directory, not a regular file",
               "a directory is refused");
    mkfifo((dir + "/fifo").c_str(), 0600);
    tap::check(util::read_regular_file(dir + "/fifo", 100, out, error) == util::FileStatus::Error &&
                   error == "is a FIFO, not a regular file",
               "a FIFO is refused without waiting for a writer");
    tap::check(util::check_regular_file("/dev/zero", 1 << 20, error) == util::FileStatus::Error &&
                   error == "is a character device, not a regular file",
               "/dev/zero is refused unread");
    tap::check_eq(util::size_limit_text(1 << 20), std::string("1 MiB"), "the cap in words");
    std::filesystem::remove_all(dir);
}

int main() {
    text();
    files();
    return tap::done();
}
