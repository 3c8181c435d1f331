#include "proto/update_reader.h"

#include <climits>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

namespace tokio_console::view {

namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedInputStream;

// A piece ends after this many fields or bytes, whichever comes first: a
// few thousand stats entries, a megabyte or so once parsed.
constexpr int kPieceFields = 2048;
constexpr int kPieceBytes = 128 << 10;
constexpr size_t kScratchBytes = size_t{1} << 20;

google::protobuf::ArenaOptions arena_options(char* block) {
    google::protobuf::ArenaOptions o;
    o.initial_block = block;
    o.initial_block_size = kScratchBytes;
    return o;
}

const uint8_t* bytes_of(const char* p) {
    return reinterpret_cast<const uint8_t*>(p);
}

// Reads one tag; false at the end of the input (`end` set) or on a tag
// no encoder writes.
bool next_tag(CodedInputStream& in, uint32_t& tag, bool& end) {
    end = in.ExpectAtEnd();
    if (end) return false;
    tag = in.ReadTag();
    return tag != 0 && WireFormatLite::GetTagFieldNumber(tag) != 0;
}

template <typename M>
bool merge_spans(M* m, const auto& spans) {
    for (const auto& s : spans) {
        CodedInputStream in(bytes_of(s.p), s.n);
        if (!m->MergeFromCodedStream(&in)) return false;
    }
    return true;
}

}  // namespace

UpdateReader::UpdateReader() : scratch_(new char[kScratchBytes]), arena_(arena_options(scratch_.get())) {}

template <typename Piece, typename Visit>
bool UpdateReader::read_part(const std::vector<Span>& spans, Visit visit) {
    auto emit = [&](const char* p, int n) {
        arena_.Reset();
        Piece* m = google::protobuf::Arena::CreateMessage<Piece>(&arena_);
        if (!m->ParseFromArray(p, n)) return false;
        visit(*m);
        return true;
    };
    for (const Span& s : spans) {
        if (s.n == 0 && !emit(s.p, 0)) return false;
        CodedInputStream in(bytes_of(s.p), s.n);
        int start = 0, fields = 0, pos = 0;
        uint32_t tag = 0;
        bool end = false;
        while (next_tag(in, tag, end)) {
            if (!WireFormatLite::SkipField(&in, tag)) return false;
            pos = in.CurrentPosition();
            if (++fields >= kPieceFields || pos - start >= kPieceBytes) {
                if (!emit(s.p + start, pos - start)) return false;
                start = pos;
                fields = 0;
            }
        }
        if (!end) return false;
        if (pos > start && !emit(s.p + start, pos - start)) return false;
    }
    return true;
}

bool UpdateReader::read(std::string_view bytes, Visitor& v) {
    if (bytes.size() > INT_MAX) return false;
    for (auto& s : spans_) s.clear();
    // The Update's own fields: where each sub-message lies.
    CodedInputStream in(bytes_of(bytes.data()), static_cast<int>(bytes.size()));
    uint32_t tag = 0;
    bool end = false;
    while (next_tag(in, tag, end)) {
        int field = WireFormatLite::GetTagFieldNumber(tag);
        if (field >= 1 && field <= 5 &&
            WireFormatLite::GetTagWireType(tag) == WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            uint32_t n = 0;
            if (!in.ReadVarint32(&n) || n > INT_MAX) return false;
            int at = in.CurrentPosition();
            if (!in.Skip(static_cast<int>(n))) return false;
            spans_[field].push_back({bytes.data() + at, static_cast<int>(n)});
        } else if (!WireFormatLite::SkipField(&in, tag)) {
            return false;
        }
    }
    if (!end) return false;
    arena_.Reset();
    if (!spans_[1].empty()) {
        auto* now = google::protobuf::Arena::CreateMessage<google::protobuf::Timestamp>(&arena_);
        if (!merge_spans(now, spans_[1])) return false;
        v.now(*now);
    }
    if (!spans_[5].empty()) {
        auto* meta = google::protobuf::Arena::CreateMessage<rs::tokio::console::common::RegisterMetadata>(&arena_);
        if (!merge_spans(meta, spans_[5])) return false;
        v.metadata(*meta);
    }
    bool ok = read_part<TaskUpdate>(spans_[2], [&](const TaskUpdate& p) { v.tasks(p); }) &&
              read_part<ResourceUpdate>(spans_[3], [&](const ResourceUpdate& p) { v.resources(p); }) &&
              read_part<AsyncOpUpdate>(spans_[4], [&](const AsyncOpUpdate& p) { v.async_ops(p); });
    arena_.Reset();
    for (auto& s : spans_) s.clear();
    return ok;
}

}  // namespace tokio_console::view
