// gRPC status codes and the text of grpc-status/grpc-message trailers.
#pragma once

#include <string>
#include <string_view>

namespace wire {

enum GrpcCode {
    kGrpcOk = 0,
    kGrpcCancelled = 1,
    kGrpcUnknown = 2,
    kGrpcUnimplemented = 12,
    kGrpcInternal = 13,
    kGrpcUnavailable = 14,
};

// "unimplemented", "deadline exceeded", ...; "code N" for unknown codes.
std::string grpc_code_name(int code);

// Decodes the percent-encoding of grpc-message ("%20" -> " "); malformed
// escapes are kept as they are.
std::string percent_decode(std::string_view s);

// Parses a grpc-status value; -1 when it is not a number.
int parse_grpc_status(std::string_view s);

// Name of an HTTP/2 error code: "cancel", "protocol error", ...
std::string h2_error_name(uint32_t code);
// The HTTP/2 error code a server gives with GOAWAY "too_many_pings".
inline constexpr uint32_t kH2EnhanceYourCalm = 0xb;

}  // namespace wire
