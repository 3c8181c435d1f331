// File and memory inputs for the recording reader.
#include "record/input.h"
#include "util/text.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace record {

namespace {

class FileInput : public Input {
public:
    FileInput(int fd, uint64_t size) : fd_(fd), size_(size) {}
    ~FileInput() override { ::close(fd_); }
    FileInput(const FileInput&) = delete;
    FileInput& operator=(const FileInput&) = delete;

    uint64_t size() const override { return size_; }

    bool read(uint64_t off, void* buf, size_t n) override {
        char* p = static_cast<char*>(buf);
        while (n > 0) {
            ssize_t r = ::pread(fd_, p, n, static_cast<off_t>(off));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) return false;
            p += r;
            off += static_cast<uint64_t>(r);
            n -= static_cast<size_t>(r);
        }
        return true;
    }

private:
    int fd_;
    uint64_t size_;
};

class MemoryInput : public Input {
public:
    explicit MemoryInput(std::string_view bytes) : bytes_(bytes) {}
    uint64_t size() const override { return bytes_.size(); }

    bool read(uint64_t off, void* buf, size_t n) override {
        if (off > bytes_.size() || n > bytes_.size() - off) return false;
        if (n > 0) std::memcpy(buf, bytes_.data() + off, n);
        return true;
    }

private:
    std::string_view bytes_;
};

}  // namespace

std::unique_ptr<Input> open_file_input(const std::string& path, std::string& err) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err = "cannot open '" + path + "': " + util::lower_first(std::strerror(errno));
        return nullptr;
    }
    struct stat st;
    if (::fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        err = "cannot read '" + path + "': not a regular file";
        ::close(fd);
        return nullptr;
    }
    return std::make_unique<FileInput>(fd, static_cast<uint64_t>(st.st_size));
}

std::unique_ptr<Input> memory_input(std::string_view bytes) {
    return std::make_unique<MemoryInput>(bytes);
}

}  // namespace record
