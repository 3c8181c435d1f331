#include "program/protobuf_log.h"

#include <string>

#include <google/protobuf/stubs/logging.h>

#include "util/log.h"

namespace program {

namespace {

void protobuf_to_log(google::protobuf::LogLevel level, const char* file, int line, const std::string& message) {
    util::LogLevel ours = level >= google::protobuf::LOGLEVEL_ERROR ? util::LogLevel::Warn : util::LogLevel::Debug;
    util::log_at(ours, "tokio_console::protobuf", "%s:%d: %s", file, line, message.c_str());
}

}  // namespace

void route_protobuf_logs() {
    google::protobuf::SetLogHandler(&protobuf_to_log);
}

}  // namespace program
