// Named target lists (config/targets.h): entries, default names,
// duplicates, and targets files.
#include <fstream>
#include <string>
#include <vector>

#include "config/targets.h"
#include "t/unit/tap.h"

using namespace config;

namespace {

NamedTarget entry(const std::string& text) {
    NamedTarget t;
    std::string error;
    if (!parse_target_entry(text, t, error)) return {"!", error};
    return t;
}

void test_entries() {
    tap::check(entry("http://127.0.0.1:6669") == NamedTarget{"127.0.0.1:6669", "http://127.0.0.1:6669"},
               "no name: host:port");
    tap::check(entry("api=http://10.0.0.5:6669") == NamedTarget{"api", "http://10.0.0.5:6669"}, "NAME=ADDRESS");
    tap::check_eq(entry("http://[::1]:7000").name, std::string("[::1]:7000"), "IPv6 in brackets");
    tap::check_eq(entry("http://localhost").name, std::string("localhost:6669"), "the default port");
    tap::check_eq(entry("file:///run/app/console.sock").name, std::string("console.sock"), "a socket: its file name");
    tap::check_eq(entry("vsock://3:6669").name, std::string("vsock-3:6669"), "vsock");
    NamedTarget bad = entry("nope");
    tap::check(bad.name == "!" && bad.address.find("'nope'") != std::string::npos, "a bad address is named");
    bad = entry("=http://h:1");
    tap::check(bad.name == "!" && bad.address.find("empty name") != std::string::npos, "an empty name");
    bad = entry("a b=http://h:1");
    tap::check(bad.name == "!" && bad.address.find("invalid target name 'a b'") != std::string::npos,
               "a name with a space");
}

void test_lists() {
    std::vector<NamedTarget> out;
    std::string error;
    tap::check(parse_target_list({"http://h:1", "b=http://h:1"}, out, error) && out.size() == 2,
               "the same address under two names");
    tap::check(!parse_target_list({"a=http://h:1", "a=http://h:2"}, out, error) &&
                   error == "target name 'a' is given twice",
               "a name given twice");
    tap::check(!parse_target_list({"http://h:1", "http://h:1"}, out, error), "an address given twice, unnamed");
    std::vector<std::string> many;
    for (size_t i = 0; i < config::kMaxTargets; i++) many.push_back("t" + std::to_string(i) + "=http://h:1");
    tap::check(parse_target_list(many, out, error) && out.size() == config::kMaxTargets, "a thousand targets");
    many.push_back("one-more=http://h:1");
    tap::check(!parse_target_list(many, out, error) && error == "more than 1000 targets", "one more is refused: " + error);
}

void test_files() {
    std::vector<NamedTarget> out;
    std::string error;
    tap::check(parse_targets_text("# fleet\n\napi=http://h:1  # the api\n  http://h:2\n", "f", out, error) &&
                   out.size() == 2 && out[0].name == "api" && out[1].name == "h:2",
               "comments, blank lines and spaces");
    tap::check(!parse_targets_text("http://h:1\nbad\n", "f", out, error) && error.rfind("f:2: ", 0) == 0,
               "a bad line names the file and the line: " + error);
    tap::check(!parse_targets_text("a=http://h:1\na=http://h:2\n", "f", out, error) && error.rfind("f:2: ", 0) == 0,
               "a name given twice names the line");
    std::string text;
    for (int i = 0; i <= 1000; i++) text += "t" + std::to_string(i) + "=http://h:1\n";
    tap::check(!parse_targets_text(text, "f", out, error) && error == "f:1001: more than 1000 targets",
               "a file of too many targets names the line past the limit: " + error);
    tap::check(!read_targets_file("/dev/null/none", out, error) && !error.empty(), "a missing file");
    tap::check(!read_targets_file("/", out, error) && error.find("not a regular file") != std::string::npos,
               "a directory is refused: " + error);
    std::string big = "t/trash-targets-big";
    {
        std::ofstream f(big);
        f << std::string(kMaxTargetsFileBytes + 1, '#');
    }
    tap::check(!read_targets_file(big, out, error) && error.find("larger") != std::string::npos,
               "a file over 1 MiB is refused: " + error);
    std::remove(big.c_str());
}

// What a front end watches: the list or the one target, then the file's.
void test_settings() {
    std::vector<NamedTarget> out;
    std::string error;
    Settings s;
    tap::check(targets_of(s, out, error) && out.size() == 1 && out[0].name == "127.0.0.1:6669", "the default");
    s.targets = {"api=http://h:1", "http://h:2"};
    tap::check(targets_of(s, out, error) && out.size() == 2 && out[0].name == "api", "the list");
    std::string file = "t/trash-targets-list";
    {
        std::ofstream f(file);
        f << "web=http://h:3\n";
    }
    s.targets_file = file;
    tap::check(targets_of(s, out, error) && out.size() == 3 && out[2].name == "web", "then the file's");
    s.targets.clear();
    tap::check(targets_of(s, out, error) && out.size() == 1 && out[0].name == "web", "the file's only");
    s.target = "http://h:4";
    s.target_given = true;
    tap::check(targets_of(s, out, error) && out.size() == 2 && out[0].name == "h:4", "a given target and the file's");
    s.targets = {"web=http://h:5"};
    tap::check(!targets_of(s, out, error) && error == "target name 'web' is given twice",
               "a name in the list and the file: " + error);
    std::remove(file.c_str());
}

}  // namespace

int main() {
    test_entries();
    test_lists();
    test_files();
    test_settings();
    return tap::done();
}
