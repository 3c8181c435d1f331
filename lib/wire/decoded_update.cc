#include "wire/decoded_update.h"

#include <new>

#include "proto/update_reader.h"

namespace wire {

std::unique_ptr<DecodedUpdate> DecodedUpdate::parse(std::string&& bytes, std::string* why) {
    try {
        // One reader per thread: its scratch arena is reused from one
        // message to the next.
        thread_local tokio_console::view::UpdateReader reader;
        tokio_console::view::UpdateReader::Visitor check;
        if (reader.read(bytes, check)) return std::unique_ptr<DecodedUpdate>(new DecodedUpdate(std::move(bytes)));
        if (why) *why = "invalid protobuf";
    } catch (const std::bad_alloc&) {
        // Keep the connection's owner running.
        if (why) *why = "out of memory";
    }
    return nullptr;
}

std::unique_ptr<DecodedUpdate> DecodedUpdate::parse(std::string_view bytes, std::string* why) {
    std::string copy;
    try {
        copy.assign(bytes);
    } catch (const std::bad_alloc&) {
        if (why) *why = "out of memory";
        return nullptr;
    }
    return parse(std::move(copy), why);
}

}  // namespace wire
