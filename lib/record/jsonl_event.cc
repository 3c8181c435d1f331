// Parsing console-subscriber's recorded events with nlohmann-json.
#include "record/jsonl_event.h"

#include <nlohmann/json.hpp>

namespace record {

namespace {

using json = nlohmann::json;
namespace cpb = rs::tokio::console::common;

bool get_u64(const json& o, const char* key, uint64_t& out) {
    auto it = o.find(key);
    if (it == o.end() || !it->is_number_unsigned()) return false;
    out = it->get<uint64_t>();
    return true;
}

bool get_at(const json& body, int64_t& out, std::string& why) {
    auto it = body.find("at");
    uint64_t s = 0, n = 0;
    if (it == body.end() || !it->is_object() || !get_u64(*it, "secs_since_epoch", s) ||
        !get_u64(*it, "nanos_since_epoch", n) || n >= 1'000'000'000) {
        why = "'at' is not {\"secs_since_epoch\":S,\"nanos_since_epoch\":N}";
        return false;
    }
    if (s > 9'000'000'000)  // as the model clamps times
        s = 9'000'000'000;
    out = static_cast<int64_t>(s) * 1'000'000'000 + static_cast<int64_t>(n);
    return true;
}

// A Spawn field's value as the wire would carry it.
void set_value(const json& v, cpb::Field& f) {
    if (v.is_string())
        f.set_str_val(v.get<std::string>());
    else if (v.is_boolean())
        f.set_bool_val(v.get<bool>());
    else if (v.is_number_unsigned())
        f.set_u64_val(v.get<uint64_t>());
    else if (v.is_number_integer())
        f.set_i64_val(v.get<int64_t>());
    else
        f.set_debug_val(v.dump(-1, ' ', false, json::error_handler_t::replace));
}

bool get_fields(const json& body, JsonlEvent& e, std::string& why) {
    auto it = body.find("fields");
    if (it == body.end() || !it->is_array()) {
        why = "'fields' is not an array";
        return false;
    }
    for (const json& f : *it) {
        auto name = f.is_object() ? f.find("name") : f.end();
        if (!f.is_object() || name == f.end() || !name->is_string() || !f.contains("value")) {
            why = "a field is not {\"name\":...,\"value\":...}";
            return false;
        }
        cpb::Field pb;
        pb.set_str_name(name->get<std::string>());
        set_value(f.at("value"), pb);
        e.fields.push_back(std::move(pb));
    }
    return true;
}

// "Clone", "Drop", {"Wake":{"self_wake":B}} or {"WakeByRef":{"self_wake":B}}.
bool get_op(const json& body, JsonlEvent& e, std::string& why) {
    auto it = body.find("op");
    why = "'op' is not a waker operation";
    if (it == body.end()) return false;
    if (it->is_string()) {
        const std::string& s = it->get_ref<const std::string&>();
        if (s != "Clone" && s != "Drop") return false;
        e.op = s == "Clone" ? JsonlEvent::Op::Clone : JsonlEvent::Op::Drop;
        return true;
    }
    if (!it->is_object() || it->size() != 1) return false;
    // The iterator, not a structured binding of items(): its proxy is a
    // temporary and the key would dangle.
    auto only = it->begin();
    const std::string& name = only.key();
    const json& arg = only.value();
    auto self = arg.is_object() ? arg.find("self_wake") : arg.end();
    if ((name != "Wake" && name != "WakeByRef") || self == arg.end() || !self->is_boolean()) return false;
    e.op = name == "Wake" ? JsonlEvent::Op::Wake : JsonlEvent::Op::WakeByRef;
    e.self_wake = self->get<bool>();
    return true;
}

bool event_type(const std::string& key, JsonlEvent::Type& t) {
    static const std::pair<const char*, JsonlEvent::Type> types[] = {
        {"Spawn", JsonlEvent::Type::Spawn}, {"Enter", JsonlEvent::Type::Enter}, {"Exit", JsonlEvent::Type::Exit},
        {"Close", JsonlEvent::Type::Close}, {"Waker", JsonlEvent::Type::Waker},
    };
    for (const auto& [name, type] : types)
        if (key == name) {
            t = type;
            return true;
        }
    return false;
}

}  // namespace

bool parse_event(std::string_view line, JsonlEvent& e, std::string& why) {
    if (line.size() > kMaxJsonlLine) {
        why = "a line of " + std::to_string(line.size()) + " bytes is too long";
        return false;
    }
    json j = json::parse(line.begin(), line.end(), nullptr, false);
    if (j.is_discarded()) {
        why = "not JSON";
        return false;
    }
    if (!j.is_object() || j.size() != 1) {
        why = "not an object with one key";
        return false;
    }
    auto only = j.begin();
    const std::string& key = only.key();
    const json& body = only.value();
    e = JsonlEvent{};
    if (!event_type(key, e.type)) {
        why = "unknown event '" + key.substr(0, 40) + "'";
        return false;
    }
    if (!body.is_object() || !get_u64(body, "id", e.id)) {
        why = "'" + key + "' has no numeric 'id'";
        return false;
    }
    if (!get_at(body, e.at_ns, why)) return false;
    if (e.type == JsonlEvent::Type::Spawn) return get_fields(body, e, why);
    if (e.type == JsonlEvent::Type::Waker) return get_op(body, e, why);
    return true;
}

int parse_header(std::string_view line) {
    if (line.size() > 1024) return -1;
    json j = json::parse(line.begin(), line.end(), nullptr, false);
    auto it = j.is_object() ? j.find("v") : j.end();
    if (j.is_discarded() || !j.is_object() || it == j.end() || !it->is_number_unsigned() || it->get<uint64_t>() > 1000)
        return -1;
    return static_cast<int>(it->get<uint64_t>());
}

}  // namespace record
