// The applications the console shows, as the loop hands them to the
// screen before each key and frame, and the source of a list over them:
// with one, that application's own list, exactly as it always was; with
// several, every application's rows in one list (view/merged_source.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/model.h"
#include "view/draw_options.h"
#include "view/fields.h"
#include "view/merged_source.h"
#include "view/model_source.h"

namespace tui {

struct App {
    uint32_t slot = 0;  // its place in the fleet (session/fleet.h)
    std::string name;
    const model::Model* model = nullptr;
    model::Nanos now = 0;  // its model's clock (Model::now)
};
// The first is the one the header shows.
using Apps = std::vector<App>;

// One application alone (the tests, the benches, a single target).
inline Apps one_app(const model::Model& m, model::Nanos now) {
    return {App{0, "", &m, now}};
}

// The application in this slot; nullptr when it has left.
inline const App* app_of(const Apps& apps, uint32_t slot) {
    for (const App& a : apps)
        if (a.slot == slot) return &a;
    return nullptr;
}

// A row picked in a list over the applications: whose, and its key there.
struct Picked {
    uint32_t slot;
    uint64_t key;
};

// The source of a list over `apps` for the moment: a Source of each, and
// with several the merged list of them.
class AppSources {
public:
    // `make(app)` makes an application's own source.
    template <class Make>
    AppSources(const Apps& apps, std::span<const view::Field> fields, const view::DrawOptions& o,
               view::MergedCache& cache, Make make, bool by_app = false, std::function<bool(uint32_t)> shut = {}) {
        std::vector<view::MergedMember> members;
        for (const App& a : apps) {
            parts_.push_back(make(a));
            if (apps.size() == 1) break;
            view::Style style = view::app_style(a.slot);
            parts_.back()->set_app(a.name, style);
            members.push_back({a.slot, a.name, style, parts_.back().get()});
        }
        if (members.size() > 1) merged_.emplace(std::move(members), fields, o, cache, by_app, std::move(shut));
    }
    view::ModelListSource& source() { return merged_ ? static_cast<view::ModelListSource&>(*merged_) : *parts_[0]; }
    view::MergedSource* merged() { return merged_ ? &*merged_ : nullptr; }
    // The application and key of a key of source(); none when no
    // application has it.
    std::optional<Picked> pick(const Apps& apps, uint64_t key) const {
        if (!key || apps.empty()) return std::nullopt;
        if (!merged_) return Picked{apps[0].slot, key};
        auto at = merged_->locate(key);
        if (!at) return std::nullopt;
        return Picked{merged_->member(at->member).slot, at->key};
    }

private:
    std::vector<std::unique_ptr<view::ModelListSource>> parts_;
    std::optional<view::MergedSource> merged_;
};

}  // namespace tui
