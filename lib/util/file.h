// Reading files the user names (console.toml, certificates): only
// regular files, and only up to a size cap.  A FIFO, a device or a
// directory is refused before any byte is read, so that `./console.toml`
// being /dev/zero or a FIFO cannot grow memory or hang the console.  The
// file is opened non-blocking and checked with fstat on the open
// descriptor, so what is checked is what is read.
#pragma once

#include <cstddef>
#include <string>

namespace util {

enum class FileStatus { Ok, Missing, Error };

// Reads `path` into `out` when it is a regular file of at most `max_bytes`.
// Missing: it does not exist (ENOENT, ENOTDIR); `error` stays empty.
// Error: `error` is a lowercase reason without the path, such as
// "is a FIFO, not a regular file" or "is larger than 1 MiB".
FileStatus read_regular_file(const std::string& path, size_t max_bytes, std::string& out, std::string& error);

// Only checks that `path` is a regular file no larger than `max_bytes`,
// for files that a library reads itself (OpenSSL and PEM files).
FileStatus check_regular_file(const std::string& path, size_t max_bytes, std::string& error);

// "1 MiB" for a cap, as error messages say it.
std::string size_limit_text(size_t max_bytes);

}  // namespace util
