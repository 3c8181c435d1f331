// Loads the HdrHistogram fixtures of ../shared/fixtures/hdr (or
// $TC_SHARED/fixtures/hdr): each *.hdr with its *.json of expected values,
// read by a JSON reader just big enough for those files.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "t/unit/fixtures.h"

namespace fixture {

// A JSON value; numbers keep their text so integers stay exact.
struct Json {
    enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
    std::string text;  // number text or string contents
    std::vector<Json> items;
    std::vector<std::pair<std::string, Json>> members;

    const Json* get(const std::string& key) const {
        for (const auto& m : members)
            if (m.first == key) return &m.second;
        return nullptr;
    }
    uint64_t u64() const { return std::strtoull(text.c_str(), nullptr, 10); }
    double f64() const { return std::strtod(text.c_str(), nullptr); }
};

class JsonReader {
public:
    explicit JsonReader(const std::string& s) : s_(s) {}

    // Parses one value; sets ok() false on anything unexpected.
    Json value() {
        Json v;
        space();
        if (pos_ >= s_.size()) return fail();
        char c = s_[pos_];
        if (c == '{') {
            v.kind = Json::Object;
            pos_++;
            if (take('}')) return v;
            do {
                space();
                Json key = value();
                if (key.kind != Json::String || !take(':')) return fail();
                v.members.emplace_back(key.text, value());
            } while (take(','));
            if (!take('}')) return fail();
        } else if (c == '[') {
            v.kind = Json::Array;
            pos_++;
            if (take(']')) return v;
            do v.items.push_back(value());
            while (take(','));
            if (!take(']')) return fail();
        } else if (c == '"') {
            v.kind = Json::String;
            pos_++;
            while (pos_ < s_.size() && s_[pos_] != '"') v.text += s_[pos_++];
            if (!take('"')) return fail();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.kind = Json::Number;
            while (pos_ < s_.size() && std::string("+-.eE0123456789").find(s_[pos_]) != std::string::npos)
                v.text += s_[pos_++];
        } else if (s_.compare(pos_, 4, "true") == 0 || s_.compare(pos_, 5, "false") == 0) {
            v.kind = Json::Bool;
            v.text = s_[pos_] == 't' ? "true" : "false";
            pos_ += v.text.size();
        } else if (s_.compare(pos_, 4, "null") == 0) {
            pos_ += 4;
        } else {
            return fail();
        }
        return v;
    }
    bool ok() const { return ok_; }

private:
    void space() {
        while (pos_ < s_.size() && std::string(" \t\r\n").find(s_[pos_]) != std::string::npos) pos_++;
    }
    bool take(char c) {
        space();
        if (pos_ < s_.size() && s_[pos_] == c) {
            pos_++;
            return true;
        }
        return false;
    }
    Json fail() {
        ok_ = false;
        pos_ = s_.size();
        return Json();
    }

    const std::string& s_;
    size_t pos_ = 0;
    bool ok_ = true;
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Hdr {
    std::string name;   // file stem, e.g. "bimodal"
    std::string bytes;  // the encoded histogram
    Json expect;        // the parsed *.json
    bool json_ok = false;
};

// Every fixture, sorted by name; empty when the directory is missing.
inline std::vector<Hdr> load_hdr_fixtures() {
    std::vector<Hdr> out;
    std::filesystem::path dir = shared_dir() / "fixtures" / "hdr";
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".hdr") continue;
        Hdr h;
        h.name = e.path().stem().string();
        h.bytes = slurp(e.path());
        std::filesystem::path json = e.path();
        json.replace_extension(".json");
        std::string text = slurp(json);
        JsonReader r(text);
        h.expect = r.value();
        h.json_ok = r.ok() && h.expect.kind == Json::Object;
        out.push_back(std::move(h));
    }
    std::sort(out.begin(), out.end(), [](const Hdr& a, const Hdr& b) { return a.name < b.name; });
    return out;
}

}  // namespace fixture
