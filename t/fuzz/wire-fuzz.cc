// libFuzzer target over the wire's byte path.  The first input byte picks
// the path:
//   even: the rest is a stream of DATA payloads (each prefixed by one
//         length byte) -> gRPC message reassembly -> protobuf Update decode;
//   odd:  the rest is what a server sends on an HTTP/2 connection after a
//         client session has opened WatchUpdates -> nghttp2 -> our
//         callbacks -> reassembly -> decode.
// Nothing in it may crash, leak, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "wire/grpc_session.h"
#include "wire/message_reader.h"
#include "wire/update_split.h"

namespace {

void decode(std::string_view m) {
    // As the client decodes a message of WatchUpdates: framing, then
    // every piece.
    auto split = wire::UpdateSplit::start(std::string(m));
    wire::event::UpdatePart part;
    while (split && split->next(part)) {
    }
}

void payloads(const uint8_t* data, size_t size) {
    wire::MessageReader reader(1 << 16);
    wire::MessageReader::Sink sink;
    sink.on_message = decode;
    sink.on_oversize = [](uint64_t) {};
    while (size > 0) {
        size_t n = std::min<size_t>(data[0], size - 1);
        if (!reader.feed(data + 1, n, sink)) return;
        data += 1 + n;
        size -= 1 + n;
    }
    (void)reader.partial();
}

void session(const uint8_t* data, size_t size) {
    wire::SessionOptions opt;
    opt.authority = "127.0.0.1:6669";
    opt.subject = "127.0.0.1:6669";
    opt.max_message_size = 1 << 16;
    wire::GrpcSession s(opt);
    std::string err;
    if (!s.start(err)) return;
    wire::CallHandlers h;
    h.on_message = decode;
    h.on_end = [](const wire::CallEnd&) {};
    s.start_call("WatchUpdates", "/rs.tokio.console.instrument.Instrument/WatchUpdates", "", h, err);
    std::string out;
    wire::Error werr;
    s.produce(out, 1 << 20, werr);
    // Feed in uneven pieces, producing output between them as the client does.
    size_t off = 0, step = 1;
    while (off < size) {
        size_t n = std::min(step, size - off);
        if (!s.receive(data + off, n, werr)) return;
        out.clear();
        if (!s.produce(out, 1 << 20, werr)) return;
        off += n;
        step = step * 3 % 4096 + 1;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    if (data[0] % 2 == 0)
        payloads(data + 1, size - 1);
    else
        session(data + 1, size - 1);
    return 0;
}
