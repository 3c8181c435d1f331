#include "session/live_source.h"

#include <poll.h>

namespace session {

LiveSource::LiveSource(wire::Target target, wire::ClientOptions options) : client_(target, std::move(options)) {
    status_.name = target.text;
}

void LiveSource::process(bool readable) {
    client_.process(readable ? POLLIN : 0);
}

void LiveSource::pause(bool pause) {
    if (pause)
        client_.pause();
    else
        client_.resume();
}

void LiveSource::shutdown() {
    client_.shutdown();
    refresh_status();
}

bool LiveSource::next_event(Event& out) {
    wire::Event ev;
    while (client_.next_event(ev)) {
        refresh_status();
        if (convert(ev, out)) return true;
    }
    refresh_status();
    return false;
}

void LiveSource::refresh_status() {
    const wire::Status& st = client_.status();
    switch (st.state) {
    case wire::ConnState::Connecting: status_.link = SourceStatus::Link::Connecting; break;
    case wire::ConnState::Connected: status_.link = SourceStatus::Link::Connected; break;
    case wire::ConnState::BackingOff: status_.link = SourceStatus::Link::BackingOff; break;
    case wire::ConnState::Closed: status_.link = SourceStatus::Link::Closed; break;
    }
    status_.retry_at = st.retry_at;
}

// One wire event into the program's; false for those that only change
// the status.
bool LiveSource::convert(wire::Event& in, Event& out) {
    if (auto* u = std::get_if<wire::event::UpdatePart>(&in)) {
        std::string_view bytes = u->bytes ? std::string_view(*u->bytes) : std::string_view();
        out = event::UpdatePart{std::move(u->bytes), bytes, std::move(u->piece), u->first, u->last};
    } else if (auto* d = std::get_if<wire::event::TaskDetails>(&in)) {
        if (!d->msg) return false;
        out = event::TaskDetails{std::move(d->msg)};
    } else if (std::get_if<wire::event::Connected>(&in)) {
        status_.connected_at = Clock::now();
        out = event::Reset{};
    } else if (auto* x = std::get_if<wire::event::Disconnected>(&in)) {
        status_.last_error = x->error.empty() ? client_.status().last_error : x->error;
        status_.last_error_at = Clock::now();
        out = event::Disconnected{status_.last_error};
    } else if (auto* s = std::get_if<wire::event::State>(&in)) {
        out = event::State{s->paused};
    } else if (std::get_if<wire::event::StateUnsupported>(&in)) {
        out = event::StateUnsupported{};
    } else if (auto* p = std::get_if<wire::event::PauseResult>(&in)) {
        out = event::PauseResult{p->pause, std::move(p->error)};
    } else if (auto* e = std::get_if<wire::event::RpcError>(&in)) {
        out = event::Notice{e->rpc + ": " + e->error};
    } else {
        return false;
    }
    return true;
}

}  // namespace session
