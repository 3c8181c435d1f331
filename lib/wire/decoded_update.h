// One Update as the wire layer hands it on: the message's bytes, checked
// to be a valid Update (proto/update_reader.h reads it through), and not
// parsed into objects.  The model reads it again piece by piece as it
// applies it (model::Model::apply_encoded), so that an update costs its
// encoded size plus one piece, not the five times its size that a whole
// parsed message of a million tasks takes.  Checking here keeps a bad
// message from reaching the model at all, as when it was parsed here.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace wire {

class DecodedUpdate {
public:
    // Nullptr when `bytes` are not a valid protobuf Update, or when memory
    // ran out reading them; `why` (when given) then says which.  The bytes
    // are moved into the update.
    static std::unique_ptr<DecodedUpdate> parse(std::string&& bytes, std::string* why = nullptr);
    // The same with a copy of the bytes.
    static std::unique_ptr<DecodedUpdate> parse(std::string_view bytes, std::string* why = nullptr);

    std::string_view bytes() const { return bytes_; }

private:
    explicit DecodedUpdate(std::string&& bytes) : bytes_(std::move(bytes)) {}

    std::string bytes_;
};

}  // namespace wire
