// What the console says of each target when it watches several: one row
// per target, made once a frame from the fleet (its state in the
// header's own words, header_info(), or PAUSED; its last error; its task
// count; the age of its last update; its bytes a second), the header's
// count line made from those rows, and the rows as the targets view's
// list source (keyed by slot + 1: a key of 0 is "none selected").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "session/fleet.h"
#include "view/canvas.h"
#include "view/list_source.h"

namespace tui {

struct TargetRow {
    uint32_t slot = 0;
    std::string name;
    std::string state;  // "CONNECTED", "RECONNECTING in 2.0s", "PAUSED", ...
    view::Style state_style = view::Style::Normal;
    bool connected = false;
    std::string error;  // the last error; empty: none
    uint64_t tasks = 0;
    std::optional<session::Clock::duration> update_age;  // none: no update yet
    uint64_t bytes_per_sec = 0;
};

std::vector<TargetRow> target_rows(const session::Fleet& fleet, session::Clock::time_point now);

// The targets' statuses in `width` columns: the count, then each target
// that is not connected or is paused, with why, then the names of the
// others ("2 of 3 connected; api: reconnecting in 3s (connection
// refused); web, db: connected").  When that does not fit: the count and
// the first target that is not connected, and why.
std::string fleet_line(const std::vector<TargetRow>& rows, int width, bool ascii);

// The targets view's rows (tui/targets_view.h) as a list.
class TargetSource : public view::ListSource {
public:
    explicit TargetSource(const std::vector<TargetRow>& rows) : rows_(rows) {}
    const std::vector<view::ListColumn>& columns() const override;
    size_t size() const override { return rows_.size(); }
    std::vector<uint32_t> window(int column, bool descending, size_t& first, size_t count) const override;
    long rank(int column, bool descending, uint64_t key) const override;
    uint64_t key(uint32_t row) const override { return rows_[row].slot + 1; }
    view::ListRow row(uint32_t row) const override;

private:
    std::vector<uint32_t> order(int column, bool descending) const;
    const std::vector<TargetRow>& rows_;
};

}  // namespace tui
