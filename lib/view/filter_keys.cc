#include "view/filter_keys.h"

#include <sstream>

#include "view/fields.h"

namespace view {

namespace {

using model::FilterKey;
using model::FilterKeyInfo;
using model::FilterTable;
using model::KeyType;

// Keys that are no field: they read a field another way.
const FilterKeyInfo kOwnKeys[] = {
    // How many warnings a task has.
    {"warns", FilterKey::Warns, KeyType::Count,
     static_cast<uint8_t>(model::filter_table_bit(FilterTable::Tasks) | model::filter_table_bit(FilterTable::Warnings))},
};

struct Built {
    std::vector<FilterKeyInfo> keys;
    std::vector<std::string> clashes;

    void add(const std::string& name, FilterKey key, KeyType type, uint8_t tables) {
        for (FilterKeyInfo& k : keys) {
            if (k.name != name) continue;
            if (k.key != key || k.type != type)
                clashes.push_back(name);
            else
                k.tables |= tables;
            return;
        }
        keys.push_back({name, key, type, tables});
    }

    void add_table(std::span<const Field> fields, FilterTable t) {
        for (const Field& f : fields) {
            if (!f.filterable) continue;
            add(f.name, f.filter, f.type, model::filter_table_bit(t));
            std::istringstream aliases(f.aliases);
            for (std::string a; aliases >> a;) add(a, f.filter, f.type, model::filter_table_bit(t));
        }
    }
};

const Built& built() {
    static const Built b = [] {
        Built out;
        out.add_table(task_fields(), FilterTable::Tasks);
        // A warning has its task's keys, and its own lint and message.
        out.add_table(task_fields(), FilterTable::Warnings);
        out.add_table(warning_fields(), FilterTable::Warnings);
        out.add_table(resource_fields(), FilterTable::Resources);
        out.add_table(async_op_fields(), FilterTable::AsyncOps);
        for (const FilterKeyInfo& k : kOwnKeys) out.add(k.name, k.key, k.type, k.tables);
        return out;
    }();
    return b;
}

}  // namespace

const model::FilterKeys& filter_keys() {
    static const model::FilterKeys keys(built().keys);
    return keys;
}

std::vector<std::string> filter_key_clashes() {
    return built().clashes;
}

}  // namespace view
