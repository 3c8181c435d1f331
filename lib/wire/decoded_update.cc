#include "wire/decoded_update.h"

#include <algorithm>
#include <new>

#include "wire/arena_blocks.h"

namespace wire {

namespace {

// A decoded update takes about five times its encoded size.  The arena's
// blocks start near that and grow to at most 32 MiB, so that a message of
// a hundred megabytes is a few dozen blocks, and a small one a single
// block of its own size.
google::protobuf::ArenaOptions options_for(size_t encoded) {
    google::protobuf::ArenaOptions o;
    o.block_alloc = arena_blocks::alloc;
    o.block_dealloc = arena_blocks::free;
    o.max_block_size = size_t{32} << 20;
    o.start_block_size = std::clamp<size_t>(encoded * 5, 4096, o.max_block_size);
    return o;
}

}  // namespace

DecodedUpdate::DecodedUpdate(const google::protobuf::ArenaOptions& options)
    : arena_(options),
      msg_(google::protobuf::Arena::CreateMessage<tokio_console::view::Update>(&arena_)) {}

std::unique_ptr<DecodedUpdate> DecodedUpdate::parse(std::string_view bytes, std::string* why) {
    try {
        std::unique_ptr<DecodedUpdate> d(new DecodedUpdate(options_for(bytes.size())));
        if (d->msg_->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return d;
        if (why) *why = "invalid protobuf";
    } catch (const std::bad_alloc&) {
        // A message that decodes to more than the machine has: drop it and
        // keep the connection's owner running.
        if (why) *why = "out of memory";
    }
    return nullptr;
}

}  // namespace wire
