// One Update as the wire layer decodes it: the message (in the form of
// proto/update_view.proto) and the arena that holds all of its parts.  A
// full update of a million tasks is some ten million small objects; in an
// arena they are laid out in wire order in a few large blocks, which makes
// parsing and walking them fast and freeing them nearly free.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <google/protobuf/arena.h>

#include "update_view.pb.h"

namespace wire {

class DecodedUpdate {
public:
    // Nullptr when `bytes` are not a valid protobuf Update, or when
    // memory ran out decoding them; `why` (when given) then says which.
    static std::unique_ptr<DecodedUpdate> parse(std::string_view bytes, std::string* why = nullptr);

    const tokio_console::view::Update& msg() const { return *msg_; }

private:
    explicit DecodedUpdate(const google::protobuf::ArenaOptions& options);

    google::protobuf::Arena arena_;
    tokio_console::view::Update* msg_;
};

}  // namespace wire
