// The fuzz targets as plain programs: each file named (or each file in a
// directory named) goes once through the target's LLVMFuzzerTestOneInput,
// as libFuzzer would give it.  Built with the project's compiler and
// libraries, so that `make check` keeps every target building and runs
// its seed corpus and the inputs past runs found (t/t0002-fuzz-corpus.sh);
// a target that aborts on one fails the test.  `make fuzz` is the search.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// The files to run: a directory's regular files in name order, or the
// file itself.
bool inputs_of(const std::string& path, std::vector<std::string>& out) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) return false;
    if (!S_ISDIR(st.st_mode)) {
        out.push_back(path);
        return true;
    }
    DIR* dir = opendir(path.c_str());
    if (!dir) return false;
    std::vector<std::string> names;
    while (dirent* e = readdir(dir))
        if (e->d_name[0] != '.') names.push_back(path + "/" + e->d_name);
    closedir(dir);
    std::sort(names.begin(), names.end());
    out.insert(out.end(), names.begin(), names.end());
    return true;
}

bool run_one(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A copy of exactly the input's size, so that a read past its end is
    // one the sanitizers see.
    std::vector<uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.data(), data.size());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
        return 2;
    }
    std::vector<std::string> inputs;
    for (int i = 1; i < argc; i++)
        if (!inputs_of(argv[i], inputs)) {
            fprintf(stderr, "%s: cannot read '%s'\n", argv[0], argv[i]);
            return 1;
        }
    for (const std::string& path : inputs)
        if (!run_one(path)) {
            fprintf(stderr, "%s: cannot read '%s'\n", argv[0], path.c_str());
            return 1;
        }
    printf("%zu inputs\n", inputs.size());
    return 0;
}
