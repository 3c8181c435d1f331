#include "model/async_op.h"

namespace model {

const char* async_op_column_name(AsyncOpColumn c) {
    static const char* const names[kAsyncOpColumnCount] = {"ID",   "Parent", "Task",  "Source",    "Total",
                                                           "Busy", "Idle",   "Polls", "Attributes"};
    return names[static_cast<int>(c)];
}

}  // namespace model
