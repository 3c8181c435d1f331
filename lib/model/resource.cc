#include "model/resource.h"

namespace model {

const char* visibility_name(Visibility v) {
    return v == Visibility::Internal ? "internal" : "public";
}

const char* resource_column_name(ResourceColumn c) {
    static const char* const names[kResourceColumnCount] = {"ID",   "Parent", "Kind",     "Total",     "Target",
                                                            "Type", "Vis",    "Location", "Attributes"};
    return names[static_cast<int>(c)];
}

}  // namespace model
