// One snapshot of several applications: each one's rows (DumpRows, which
// filter, sort and cut them as for one), merged into one list in the
// order asked for.  Numbers compare as numbers across applications; text
// (names, locations, the app) as text, since each model ranks only its
// own strings.  Ties go by shown ID, then by the order the targets were
// given in; --limit cuts the merged list.
#pragma once

#include <memory>
#include <vector>

#include "program/dump_rows.h"

namespace program {

class MergedRows : public SnapshotRows {
public:
    // `parts`: one per application, in the targets' order.
    MergedRows(std::vector<std::unique_ptr<DumpRows>> parts, const DumpQuery& q);

    size_t size() const override { return order_.size(); }
    model::Nanos now() const override { return now_; }
    const std::vector<view::ListColumn>& columns() const override;
    view::ListRow table_row(size_t i) const override;
    Json json_row(size_t i) const override;
    int sorted_column() const override;
    bool several() const override { return true; }

private:
    struct At {
        uint32_t part;
        uint32_t row;
    };
    std::vector<std::unique_ptr<DumpRows>> parts_;
    std::vector<At> order_;
    model::Nanos now_ = 0;
};

}  // namespace program
