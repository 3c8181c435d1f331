// libFuzzer target over the recording readers: the input is a whole file.
// Ours is opened, every block is read in order, then again from each
// keyframe; an input that starts with '{' goes to the reader of
// console-subscriber's JSON lines instead.  Nothing in it may crash, leak,
// hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "record/jsonl.h"

#include "record/reader.h"

namespace {

void drain(record::Reader& r) {
    record::Frame f;
    std::string err;
    size_t guard = 0;
    while (r.next(f, err) != record::Reader::Next::End && ++guard < (1u << 20)) (void)(f.bytes.size() + f.app.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (size > 0 && data[0] == '{') {
        std::istringstream in{std::string(bytes)};
        record::JsonlReader j;
        std::string err;
        j.read(in, "fuzz", err);
        return 0;
    }
    record::Reader r;
    std::string err;
    if (!r.open(record::memory_input(bytes), "fuzz", err)) return 0;
    drain(r);
    for (size_t i = 0; i < r.blocks().size(); ++i) {
        if (!r.blocks()[i].keyframe) continue;
        r.seek_block(r.keyframe_block(r.blocks()[i].first_ns));
        drain(r);
    }
    return 0;
}
