// Reading regular files with a size cap.
#include "util/file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/text.h"

namespace util {

namespace {

const char* file_kind(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return nullptr;
}

// Owns the descriptor for the length of one read.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) close(fd);
    }
};

// Opens and checks; on success `fd.fd` is open on a regular file.
FileStatus open_checked(const std::string& path, size_t max_bytes, Fd& fd, std::string& error) {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    fd.fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd.fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) return FileStatus::Missing;
        error = "cannot open: " + lower_first(strerror(errno));
        return FileStatus::Error;
    }
    struct stat st;
    if (fstat(fd.fd, &st) != 0) {
        error = "cannot stat: " + lower_first(strerror(errno));
        return FileStatus::Error;
    }
    if (!S_ISREG(st.st_mode)) {
        const char* kind = file_kind(st.st_mode);
        error = kind ? std::string("is ") + kind + ", not a regular file" : "is not a regular file";
        return FileStatus::Error;
    }
    if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
        error = "is larger than " + size_limit_text(max_bytes);
        return FileStatus::Error;
    }
    return FileStatus::Ok;
}

}  // namespace

std::string size_limit_text(size_t max_bytes) {
    if (max_bytes && max_bytes % (1u << 20) == 0) return std::to_string(max_bytes >> 20) + " MiB";
    if (max_bytes && max_bytes % (1u << 10) == 0) return std::to_string(max_bytes >> 10) + " KiB";
    return std::to_string(max_bytes) + " bytes";
}

FileStatus check_regular_file(const std::string& path, size_t max_bytes, std::string& error) {
    Fd fd{-1};
    return open_checked(path, max_bytes, fd, error);
}

FileStatus read_regular_file(const std::string& path, size_t max_bytes, std::string& out, std::string& error) {
    Fd fd{-1};
    FileStatus status = open_checked(path, max_bytes, fd, error);
    if (status != FileStatus::Ok) return status;
    // The file may grow after fstat: read at most one byte past the cap.
    std::string text;
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd.fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = "cannot read: " + lower_first(strerror(errno));
            return FileStatus::Error;
        }
        if (n == 0) break;
        text.append(buf, static_cast<size_t>(n));
        if (text.size() > max_bytes) {
            error = "is larger than " + size_limit_text(max_bytes);
            return FileStatus::Error;
        }
    }
    out = std::move(text);
    return FileStatus::Ok;
}

}  // namespace util
