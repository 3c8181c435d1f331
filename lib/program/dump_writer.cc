#include "program/dump_writer.h"

#include <ctime>

#include "util/text.h"
#include "view/canvas.h"
#include "view/list_source.h"
#include "view/table.h"

namespace program {

namespace {

// JSON text; bytes that are not UTF-8 (the application's strings may
// have them) become U+FFFD instead of an exception.
std::string json_text(const Json& j, int indent = -1) {
    return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

// A canvas row as text, without the blanks at its end.
std::string trimmed(const view::Canvas& c, int y) {
    std::string s = c.row_text(y);
    s.erase(s.find_last_not_of(' ') + 1);
    return s;
}

// A CSV cell from a JSON value: text with its control characters
// escaped, lists joined with ';',
// objects as name=value pairs separated by spaces, null empty.
std::string csv_cell(const Json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return util::escape_controls(v.get<std::string>(), util::Escape::Hex);
    if (v.is_array()) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ";") + csv_cell(x);
        return s;
    }
    if (v.is_object()) {
        std::string s;
        for (const auto& [k, x] : v.items()) s += (s.empty() ? "" : " ") + k + "=" + csv_cell(x);
        return s;
    }
    return json_text(v);
}

}  // namespace

std::string rfc3339(model::Nanos ns) {
    time_t secs = static_cast<time_t>(ns / 1'000'000'000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    char buf[64];
    size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, sizeof buf - n, ".%09lldZ", static_cast<long long>(ns % 1'000'000'000));
    return buf;
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
}

bool DumpWriter::write(const SnapshotRows& rows, const DumpQuery& q) {
    switch (format_) {
    case Format::Table: table(rows, q); break;
    case Format::Json: json(rows, q); break;
    case Format::Jsonl: jsonl(rows); break;
    case Format::Csv: csv(rows, q); break;
    }
    snapshots_++;
    return fflush(out_) == 0 && !ferror(out_);
}

// The TUI's columns, fitted to the width from every row printed; each
// line goes through a one-row Canvas, which makes the remote text safe.
void DumpWriter::table(const SnapshotRows& rows, const DumpQuery& q) {
    if (snapshots_) fputc('\n', out_);
    const auto& spec = rows.columns();
    std::vector<view::Column> cols = view::list_columns(spec);
    for (size_t i = 0; i < rows.size(); i++) view::measure(cols, rows.table_row(i), ascii_);
    view::fit(cols, spec, width_, rows.sorted_column());
    view::Canvas c(width_, 1, ascii_);
    view::draw_header_row(c, 0, cols, rows.sorted_column(), q.descending);
    fprintf(out_, "%s\n", trimmed(c, 0).c_str());
    for (size_t i = 0; i < rows.size(); i++) {
        c.clear();
        view::draw_list_row(c, 0, cols, rows.table_row(i));
        fprintf(out_, "%s\n", trimmed(c, 0).c_str());
    }
}

void DumpWriter::json(const SnapshotRows& rows, const DumpQuery& q) {
    static const char* const views[] = {"tasks", "resources", "async-ops", "warnings"};
    Json doc;
    doc["time"] = rfc3339(rows.now());
    doc["view"] = views[static_cast<int>(q.view)];
    doc["rows"] = Json::array();
    for (size_t i = 0; i < rows.size(); i++) doc["rows"].push_back(rows.json_row(i));
    fprintf(out_, "%s\n", json_text(doc, 2).c_str());
}

void DumpWriter::jsonl(const SnapshotRows& rows) {
    std::string time = rfc3339(rows.now());
    for (size_t i = 0; i < rows.size(); i++) {
        Json line;
        line["time"] = time;
        line.update(rows.json_row(i));
        fprintf(out_, "%s\n", json_text(line).c_str());
    }
}

// With --watch the first column is the snapshot's time.
void DumpWriter::csv(const SnapshotRows& rows, const DumpQuery& q) {
    std::vector<std::string> keys = json_keys(q.view, rows.several());
    if (!snapshots_) {
        std::string head = watch_ ? "time" : "";
        for (const auto& k : keys) head += (head.empty() ? "" : ",") + k;
        fprintf(out_, "%s\n", head.c_str());
    }
    std::string time = rfc3339(rows.now());
    for (size_t i = 0; i < rows.size(); i++) {
        Json j = rows.json_row(i);
        std::string line = watch_ ? time : "";
        bool first = !watch_;
        for (const auto& k : keys) {
            line += first ? "" : ",";
            first = false;
            line += csv_field(csv_cell(j[k]));
        }
        fprintf(out_, "%s\n", line.c_str());
    }
}

}  // namespace program
