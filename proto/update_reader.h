// Reads an encoded Update (instrument.proto, read as update_view.proto) a
// piece at a time, so that decoding it costs memory in proportion to one
// piece, not to the message.  A full update of a million tasks is some
// 100 MB on the wire and five times that parsed whole; read so, it is a
// few thousand entries at a time in one small arena used over and over.
//
// protobuf does every bit of the reading.  The framing of the Update and
// of its three sub-updates is walked with io::CodedInputStream (ReadTag,
// WireFormatLite::SkipField); a piece is a run of whole fields of one
// sub-update (TaskUpdate, say), and a run of fields of a message is itself
// a valid encoding of that message, whose fields merge as protobuf's do.
// Each piece is parsed by the generated message.
//
// It sits here, beside the protocol's messages, because both layers above
// use it and neither may know the other: the wire checks each message with
// it before handing the bytes on, and the model applies the pieces.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include <google/protobuf/arena.h>

#include "update_view.pb.h"

namespace tokio_console::view {

class UpdateReader {
public:
    // What a read() hands out, in the order the console applies it: the
    // clock and the metadata before the tasks that name them, resources
    // before the async ops that name them.  A sub-update present in the
    // message is visited at least once (an empty piece when it is empty);
    // a later piece's fields come later on the wire.
    struct Visitor {
        virtual ~Visitor() = default;
        virtual void now(const google::protobuf::Timestamp&) {}
        virtual void metadata(const rs::tokio::console::common::RegisterMetadata&) {}
        virtual void tasks(const TaskUpdate&) {}
        virtual void resources(const ResourceUpdate&) {}
        virtual void async_ops(const AsyncOpUpdate&) {}
    };

    UpdateReader();
    UpdateReader(const UpdateReader&) = delete;
    UpdateReader& operator=(const UpdateReader&) = delete;

    // False when `bytes` are not a valid Update; the pieces before the
    // fault have been visited then.  Throws std::bad_alloc (a piece is
    // small, so that means the machine is out of memory).
    bool read(std::string_view bytes, Visitor& v);

private:
    struct Span {
        const char* p;
        int n;
    };
    template <typename Piece, typename Visit>
    bool read_part(const std::vector<Span>& spans, Visit visit);

    std::unique_ptr<char[]> scratch_;  // the arena's first block, kept
    google::protobuf::Arena arena_;
    std::vector<Span> spans_[6];  // by field number of the Update
};

}  // namespace tokio_console::view
