// One resource (a mutex, semaphore, timer, channel...) as the console knows
// it: what its creation announced and its latest stats.  `id` is the
// console's own sequential number, as upstream shows; `span_id` is the
// server's.  Times are nanoseconds on the server's clock; 0 is "not given".
#pragma once

#include <cstdint>
#include <vector>

#include "model/field.h"
#include "model/intern.h"
#include "model/time.h"

namespace model {

enum class Visibility : uint8_t { Public, Internal };

struct Resource {
    uint64_t span_id = 0;
    uint64_t id = 0;
    uint64_t parent_span = 0;  // 0: no parent
    uint64_t parent_id = 0;    // the parent's display id; 0: no parent
    uint64_t meta_id = 0;
    StrId kind = 0;  // "Timer" for the known kind, else as sent
    StrId concrete_type = 0;
    StrId target = 0;
    StrId location = 0;
    Visibility visibility = Visibility::Public;
    bool has_stats = false;
    Nanos created_at = 0;
    Nanos dropped_at = 0;
    std::vector<Field> attributes;  // sorted; see attribute.h

    bool dropped() const { return dropped_at != 0; }
    // Lifetime: to the drop, or to `now` while alive.
    Nanos total(Nanos now) const { return since(dropped() ? dropped_at : now, created_at); }
};

// "public" / "internal"; the view draws its own glyphs.
const char* visibility_name(Visibility v);

enum class ResourceColumn : uint8_t { Id, Parent, Kind, Total, Target, Type, Vis, Location, Attributes };
constexpr int kResourceColumnCount = 9;
const char* resource_column_name(ResourceColumn c);

}  // namespace model
