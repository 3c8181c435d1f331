// The settings, read the way each part of the console takes them: the
// model's lint thresholds, the connection's options, the screen's glyphs
// and colours (the terminal's colour depth: program/colors.h).  Decided
// once, at start.
#pragma once

#include "config/settings.h"
#include "model/lints.h"
#include "view/draw_options.h"
#include "wire/client.h"

namespace program {

model::LintConfig lint_config(const config::Settings& s);
wire::ClientOptions client_options(const config::Settings& s);
// UTF-8 or ASCII: --lang (or the config) when given, else the locale.
bool decide_ascii(const config::Settings& s);
view::DrawOptions draw_options(const config::Settings& s);

}  // namespace program
