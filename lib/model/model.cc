#include "model/model.h"

namespace model {

Model::Model(LintConfig lints, std::optional<Nanos> retain_for)
    : lints_(lints), retain_for_(retain_for) {}

void Model::apply(const rs::tokio::console::instrument::Update& u, Nanos local_ns) {
    if (u.has_now()) {
        Nanos n = from_proto(u.now());
        if (n > server_now_) server_now_ = n;
    }
    local_at_update_ = local_ns;
    updates_++;
    if (u.has_new_metadata()) metas_.add(u.new_metadata(), strings_);
    if (u.has_task_update()) tasks_.apply(u.task_update(), metas_, strings_, server_now_, lints_);
    // An update while paused means the server has resumed sending.
    if (temporality_ == Temporality::Unpausing) temporality_ = Temporality::Live;
    if (!paused()) tasks_.retain(server_now_, retain_for_);
}

void Model::reset() {
    tasks_.clear();
    metas_.clear();
    server_now_ = 0;
    updates_ = 0;
    if (temporality_ != Temporality::Unknown) temporality_ = Temporality::Live;
}

void Model::tick(Nanos local_ns) {
    if (paused() || !server_now_) return;
    tasks_.relint(now(local_ns), lints_);
}

Nanos Model::now(Nanos local_ns) const {
    if (!server_now_) return 0;
    if (paused()) return server_now_;
    return server_now_ + since(local_ns, local_at_update_);
}

const char* temporality_name(Temporality t) {
    switch (t) {
    case Temporality::Live: return "live";
    case Temporality::Pausing: return "pausing";
    case Temporality::Paused: return "paused";
    case Temporality::Unpausing: return "unpausing";
    case Temporality::Unknown: return "unknown";
    }
    return "?";
}

}  // namespace model
