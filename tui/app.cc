#include "tui/app.h"

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <langinfo.h>
#include <optional>
#include <iterator>
#include <vector>
#include <strings.h>

#include "model/model.h"
#include "tui/canvas.h"
#include "tui/disposer.h"
#include "tui/header.h"
#include "tui/task_list.h"
#include "tui/task_view.h"
#include "tui/resource_list.h"
#include "tui/resource_view.h"
#include "tui/terminal.h"
#include "util/log.h"
#include "wire/client.h"

namespace tui {

namespace {

using Clock = std::chrono::steady_clock;

model::Nanos mono_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

bool names_utf8(const std::string& lang) {
    std::string l;
    for (char ch : lang) l += static_cast<char>(tolower(static_cast<unsigned char>(ch)));
    return l.find("utf-8") != std::string::npos || l.find("utf8") != std::string::npos;
}

// UTF-8 is decided once: --lang (or config) when given, else the locale.
bool decide_ascii(const config::Settings& s) {
    if (s.ascii_only) return true;
    if (!s.lang.empty()) return !names_utf8(s.lang);
    const char* cs = nl_langinfo(CODESET);
    return !(cs && names_utf8(cs));
}

ColorDepth decide_colors(const config::Settings& s) {
    if (!s.colors_enabled || (getenv("NO_COLOR") && *getenv("NO_COLOR"))) return ColorDepth::None;
    switch (s.palette) {
    case config::Palette::Off: return ColorDepth::None;
    case config::Palette::Ansi8: return ColorDepth::Ansi8;
    case config::Palette::Ansi16: return ColorDepth::Ansi16;
    case config::Palette::Ansi256: return ColorDepth::Ansi256;
    case config::Palette::All: return s.truecolor ? ColorDepth::True : ColorDepth::Ansi256;
    }
    return ColorDepth::Ansi256;
}

model::LintConfig lint_config(const config::Settings& s) {
    model::LintConfig c;
    c.enabled = 0;
    for (const auto& name : s.warnings) {
        model::Lint l;
        if (model::lint_from_name(name, l)) c.enabled |= 1u << static_cast<int>(l);
    }
    for (const auto& name : s.allow_warnings) {
        model::Lint l;
        if (model::lint_from_name(name, l)) c.enabled &= ~(1u << static_cast<int>(l));
    }
    if (s.allow_all) c.enabled = 0;
    c.self_wakes_percent = s.self_wakes_percent;
    c.large_future_bytes = static_cast<int64_t>(s.large_future_bytes);
    c.never_yielded_after = static_cast<model::Nanos>(s.never_yielded_after_ns);
    c.long_poll = static_cast<model::Nanos>(s.long_poll_ns);
    return c;
}

class App {
public:
    App(const config::Settings& s, const wire::Target& target)
        : settings_(s),
          model_(lint_config(s), s.retain_for_ns ? std::optional<model::Nanos>(*s.retain_for_ns) : std::nullopt),
          client_(target, wire_options(s)) {
        target_text_ = target.text;
        draw_.ascii = decide_ascii(s);
        draw_.duration_colors = s.duration_colors;
        draw_.terminated_colors = s.terminated_colors;
    }

    int run() {
        TerminalOptions topts;
        topts.ascii = draw_.ascii;
        topts.colors = decide_colors(settings_);
        Terminal term(topts);
        model::Nanos last_frame = 0, last_tick = 0;
        bool dirty = true;
        while (!quit_ && !Terminal::quit_signal) {
            model::Nanos now = mono_ns();
            // A frame when something changed (at most ~30 a second), and
            // at least once a second so durations tick.
            model::Nanos due = dirty ? last_frame + 33'000'000 : last_frame + 1'000'000'000;
            if (now >= due) {
                // Lints that depend on the clock are checked once a second,
                // not on every frame: that is a pass over every task.
                if (now - last_tick >= 1'000'000'000) {
                    model_.tick(now);
                    last_tick = now;
                }
                frame(term, now);
                last_frame = now;
                dirty = false;
                due = now + 1'000'000'000;
            }
            int timeout = static_cast<int>((due - now + 999'999) / 1'000'000);
            int ct = client_.timeout_ms();
            if (ct >= 0 && ct < timeout) timeout = ct;

            pollfd fds[2] = {{term.input_fd(), POLLIN, 0}, {client_.fd(), client_.events(), 0}};
            int nfds = client_.fd() >= 0 ? 2 : 1;
            int r = poll(fds, nfds, timeout);
            if (r < 0 && errno != EINTR) break;

            KeyEvent k;
            while (term.read_key(k)) {
                on_key(k);
                dirty = true;
            }
            client_.process(nfds == 2 && r > 0 ? fds[1].revents : 0);
            wire::Event ev;
            while (client_.next_event(ev)) {
                on_event(ev);
                dirty = true;
            }
        }
        client_.shutdown();
        term.restore();
        if (Terminal::quit_signal) util::log_info("quitting on signal %d", int(Terminal::quit_signal));
        return 0;
    }

private:
    static wire::ClientOptions wire_options(const config::Settings& s) {
        wire::ClientOptions o;
        o.max_message_size = s.max_message_size;
        o.tls_ca = s.tls_ca;
        o.tls_cert = s.tls_cert;
        o.tls_key = s.tls_key;
        o.tls_insecure = s.tls_insecure;
        return o;
    }

    void on_key(const KeyEvent& k) {
        model::Nanos now = model_.now(mono_ns());
        model_.acknowledge_dropped();  // the user has had the chance to see them
        if (help_) {
            if (k.key == '?' || k.key == KeyEscape || k.key == 'q') help_ = false;
            return;
        }
        switch (k.key) {
        case 'q': case 3: case 4: quit_ = true; return;
        case '?': help_ = true; return;
        case 'R': client_.reconnect_now(); return;
        case ' ': toggle_pause(); return;
        case 't': go({ViewKind::Tasks, 0}, false); return;
        case 'r': go({ViewKind::Resources, 0}, false); return;
        case KeyEscape: back(); return;
        case KeyResize: return;
        }
        // A list: Enter opens the selected row's own view.
        auto on_list = [&](auto& list, ViewKind details) {
            if (k.key == KeyEnter) {
                if (list.selected()) go({details, list.selected()}, true);
            } else if (k.key == KeyMouseClick) {
                list.click(k.mouse_y);
            } else {
                list.handle_key(k.key, model_, now, draw_);
            }
        };
        switch (view().kind) {
        case ViewKind::Tasks: on_list(tasks_, ViewKind::Task); break;
        case ViewKind::Resources: on_list(resources_, ViewKind::Resource); break;
        case ViewKind::Resource:
            if (k.key == KeyEnter) {
                // An async op leads to the task that polls it.
                if (uint64_t task = resource_view_.selected_task(model_)) go({ViewKind::Task, task}, true);
            } else if (k.key == KeyMouseClick) {
                resource_view_.click(k.mouse_y);
            } else {
                resource_view_.handle_key(k.key, model_, now, view().id, draw_);
            }
            break;
        case ViewKind::Task:
            break;
        }
    }

    void toggle_pause() {
        if (model_.paused()) {
            client_.resume();
            model_.set_temporality(model::Temporality::Unpausing);
        } else {
            client_.pause();
            model_.set_temporality(model::Temporality::Pausing);
        }
    }

    void on_event(wire::Event& ev) {
        if (auto* u = std::get_if<wire::event::Update>(&ev)) {
            if (u->msg) {
                model_.apply(u->msg->msg(), mono_ns());
                updates_disposer_.dispose(std::move(u->msg));
            }
        } else if (auto* d = std::get_if<wire::event::TaskDetails>(&ev)) {
            if (d->msg && details_for_ && d->msg->task_id().id() == details_for_)
                details_ = model::TaskDetails::from_proto(*d->msg);
        } else if (std::get_if<wire::event::Connected>(&ev)) {
            // A new connection may be a new process: start a fresh model
            // rather than mix its tasks with the old one's.
            model_.reset();
            notice_.clear();
            // The details stream of the old connection is gone with it.
            if (details_for_) {
                uint64_t id = details_for_;
                details_for_ = 0;
                if (view().kind == ViewKind::Task && view().id == id) sync_details();
            }
        } else if (auto* s = std::get_if<wire::event::State>(&ev)) {
            model_.set_temporality(s->paused ? model::Temporality::Paused : model::Temporality::Live);
        } else if (auto* p = std::get_if<wire::event::PauseResult>(&ev)) {
            if (!p->error.empty()) {
                notice_ = std::string(p->pause ? "pause" : "resume") + " failed: " + p->error;
                model_.set_temporality(p->pause ? model::Temporality::Live : model::Temporality::Paused);
            } else if (!client_.status().state_supported) {
                model_.set_temporality(p->pause ? model::Temporality::Paused : model::Temporality::Live);
            }
        } else if (auto* e = std::get_if<wire::event::RpcError>(&ev)) {
            notice_ = e->rpc + ": " + e->error;
        }
    }

    HeaderInfo header_info(model::Nanos local) const {
        HeaderInfo h;
        const wire::Status& st = client_.status();
        h.target = target_text_;
        h.insecure = settings_.tls_insecure;
        h.state_supported = st.state_supported;
        switch (st.state) {
        case wire::ConnState::Connecting: h.state = "CONNECTING"; h.state_style = Style::Warn; break;
        case wire::ConnState::Connected: h.state = "CONNECTED"; h.state_style = Style::Ok; break;
        case wire::ConnState::BackingOff: {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(st.retry_at - wire::Clock::now()).count();
            if (left < 0) left = 0;
            char buf[64];
            snprintf(buf, sizeof buf, "RECONNECTING in %.1fs", left / 1000.0);
            h.state = buf;
            h.state_style = Style::Error;
            break;
        }
        case wire::ConnState::Closed: h.state = "CLOSED"; h.state_style = Style::Error; break;
        }
        if (st.state != wire::ConnState::Connected) h.error = st.last_error;
        h.notice = notice_;
        if (view().kind == ViewKind::Task)
            h.controls = "esc = back, space = pause, R = reconnect, q = quit";
        else if (view().kind == ViewKind::Resource)
            h.controls = "enter = task of the async op, esc = back, h/l = sort, i = invert, k/j = move, q = quit";
        else
            h.controls = draw_.ascii
                ? "</> h/l = sort column, ^/v k/j = move, i = invert, enter = details, space = pause, R = reconnect, q = quit"
                : "\u2190\u2192 h/l = sort column, \u2191\u2193 k/j = move, i = invert, enter = details, space = pause, R = reconnect, q = quit";
        (void)local;
        return h;
    }

    void frame(Terminal& term, model::Nanos local) {
        Canvas c(term.width(), term.height(), draw_.ascii);
        int y = draw_header(c, header_info(local), model_);
        model::Nanos now = model_.now(local);
        switch (view().kind) {
        case ViewKind::Tasks: tasks_.draw(c, y, c.height() - y, model_, now, draw_); break;
        case ViewKind::Task:
            draw_task_view(c, y, c.height() - y, model_, now, view().id, details_ ? &*details_ : nullptr, draw_);
            break;
        case ViewKind::Resources: resources_.draw(c, y, c.height() - y, model_, now, draw_); break;
        case ViewKind::Resource: resource_view_.draw(c, y, c.height() - y, model_, now, view().id, draw_); break;
        }
        if (help_) draw_help(c);
        term.draw(c);
    }

    void draw_help(Canvas& c) {
        // The keys of the view under the help, then the ones that work everywhere.
        std::vector<const char*> lines = {"Keys", ""};
        static const char* const list_keys[] = {
            "  enter               details of the selected row",
            "  h l, left right     choose the sort column",
            "  i                   invert the sort order",
            "  j k, up down        move the selection",
            "  gg / G              top / bottom",
            "  PgUp PgDn Home End  move by pages, to the ends",
            "  mouse               wheel scrolls, click selects",
        };
        switch (view().kind) {
        case ViewKind::Tasks:
        case ViewKind::Resources:
            lines.insert(lines.end(), std::begin(list_keys), std::end(list_keys));
            break;
        case ViewKind::Resource:
            lines.insert(lines.end(), std::begin(list_keys) + 1, std::end(list_keys));
            lines.push_back("  enter               the task of the selected async op");
            break;
        case ViewKind::Task:
            break;
        }
        static const char* const common[] = {
            "  esc                 back to the previous view",
            "  t / r               tasks / resources view",
            "  space               pause or resume the stream",
            "  R                   reconnect now",
            "  ?                   close this help",
            "  q, Ctrl-C, Ctrl-D   quit",
        };
        lines.insert(lines.end(), std::begin(common), std::end(common));
        int n = static_cast<int>(lines.size());
        int w = std::min(60, c.width()), h = n + 2;
        int x0 = std::max(0, (c.width() - w) / 2), y0 = std::max(0, (c.height() - h) / 2);
        for (int y = 0; y < h; y++) c.fill(x0, y0 + y, w, U' ', Style::Normal);
        for (int i = 0; i < n; i++) c.text(x0 + 1, y0 + 1 + i, lines[i], i == 0 ? Style::Title : Style::Normal, w - 2);
    }

    enum class ViewKind { Tasks, Task, Resources, Resource };
    struct ViewRef {
        ViewKind kind;
        uint64_t id;  // span id of the task or resource shown
    };

    const ViewRef& view() const { return history_.back(); }

    // Opens, replaces or cancels the details stream to fit the view.
    void sync_details() {
        uint64_t want = view().kind == ViewKind::Task ? view().id : 0;
        if (want == details_for_) return;
        if (want) client_.watch_task_details(want);
        else client_.stop_task_details();
        details_for_ = want;
        details_.reset();
    }

    void go(ViewRef v, bool push) {
        if (!push) history_.clear();
        history_.push_back(v);
        if (history_.size() > 32) history_.erase(history_.begin());
        sync_details();
    }

    void back() {
        if (history_.size() > 1) history_.pop_back();
        sync_details();
    }

    const config::Settings& settings_;
    std::vector<ViewRef> history_{{ViewKind::Tasks, 0}};
    uint64_t details_for_ = 0;
    std::optional<model::TaskDetails> details_;
    model::Model model_;
    wire::Client client_;
    std::string target_text_;
    std::string notice_;
    DrawOptions draw_;
    Disposer<wire::DecodedUpdate> updates_disposer_;
    TaskList tasks_;
    ResourceList resources_;
    ResourceView resource_view_;
    bool help_ = false;
    bool quit_ = false;
};

}  // namespace

int run(const config::Settings& settings) {
    wire::Target target;
    std::string error;
    if (!wire::parse_target(settings.target, target, error)) {
        fprintf(stderr, "tokio-console: %s\n", error.c_str());
        return 2;
    }
    setlocale(LC_ALL, "");
    try {
        App app(settings, target);
        return app.run();
    } catch (const std::exception& e) {
        // The Terminal has been destroyed by now, so the screen is back.
        fprintf(stderr, "tokio-console: %s\n", e.what());
        util::log_error("fatal: %s", e.what());
        return 1;
    }
}

}  // namespace tui
