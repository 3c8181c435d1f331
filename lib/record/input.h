// Random-access bytes for the recording reader: a file read with pread
// (a file cut or changed under the reader gives short reads, never a
// signal, as a mapping would) or a buffer in memory (tests, fuzzing).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace record {

class Input {
public:
    virtual ~Input() = default;
    virtual uint64_t size() const = 0;
    // Reads exactly n bytes at `off`; false when they are not all there.
    virtual bool read(uint64_t off, void* buf, size_t n) = 0;
};

// Opens `path` for reading; nullptr with "cannot open 'path': why" in err.
std::unique_ptr<Input> open_file_input(const std::string& path, std::string& err);
// Reads from `bytes`, which must outlive the Input.
std::unique_ptr<Input> memory_input(std::string_view bytes);

}  // namespace record
