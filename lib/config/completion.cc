// Completion scripts, generated from the options table so that every
// shell completes the same things.
#include "config/completion.h"

#include <algorithm>
#include <string>
#include <vector>

#include "config/cli.h"
#include "config/options.h"
#include "config/values.h"
#include "view/fields.h"

namespace config {

namespace {

struct Subcommand {
    const char* name;
    const char* help;
};

const Subcommand kCommands[] = {
    {"dump", "print tasks, resources or warnings without a terminal"},
    {"exporter", "serve metrics to Prometheus"},
    {"replay", "play back a recording"},
    {"gen-config", "print the effective configuration as console.toml"},
    {"gen-completion", "print a completion script for a shell"},
    {"help", "print help"},
};

const char* const kLevels = "off error warn info debug trace";

std::string words(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
    return s;
}

std::string value_words(Complete v) {
    switch (v) {
    case Complete::Lints: return words(known_lints());
    case Complete::LintsOrAll: return "all " + words(known_lints());
    case Complete::FailOn: return "any " + words(fail_on_lints());
    case Complete::Bool: return "true false";
    case Complete::Palette: return "8 16 256 all off";
    case Complete::Colorterm: return "24bit truecolor";
    case Complete::Level: return kLevels;
    case Complete::GroupBy: return words(known_groupings());
    case Complete::Fields: {
        std::vector<std::string> names;
        // Every list's, each name once.
        for (auto fields :
             {view::task_fields(), view::resource_fields(), view::async_op_fields(), view::warning_fields()})
            for (const view::Field& f : fields)
                if (std::find(names.begin(), names.end(), f.name) == names.end()) names.push_back(f.name);
        return words(names);
    }
    default: return "";
    }
}

// The bash `case` arm that completes the value of option `o`.
std::string bash_value_case(const Option& o) {
    std::string out;
    switch (o.complete) {
    case Complete::File:
        out += "        compopt -o filenames 2>/dev/null\n"
               "        COMPREPLY=($(compgen -f -- \"$cur\")); return 0 ;;\n";
        break;
    case Complete::Dir:
        out += "        compopt -o filenames 2>/dev/null\n"
               "        COMPREPLY=($(compgen -d -- \"$cur\")); return 0 ;;\n";
        break;
    case Complete::Lints:
    case Complete::LintsOrAll:
    case Complete::FailOn:
        // Complete the name after the last comma.
        out += "        local done_part=\"\"\n"
               "        case \"$cur\" in *,*) done_part=\"${cur%,*},\" ;; esac\n"
               "        COMPREPLY=($(compgen -P \"$done_part\" -W \"" +
               value_words(o.complete) +
               "\" -- \"${cur##*,}\"))\n"
               "        compopt -o nospace 2>/dev/null; return 0 ;;\n";
        break;
    case Complete::Any: out += "        COMPREPLY=(); return 0 ;;\n"; break;
    default: out += "        COMPREPLY=($(compgen -W \"" + value_words(o.complete) + "\" -- \"$cur\")); return 0 ;;\n";
    }
    return out;
}

std::string bash() {
    std::string s =
        "# bash completion for tokio-console\n"
        "_tokio_console() {\n"
        "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\" i sub=\"\" seen_shell=\"\"\n"
        "    if [ \"$COMP_CWORD\" -gt 0 ]; then prev=\"${COMP_WORDS[COMP_CWORD-1]}\"; fi\n"
        "    # --option=value: bash splits at '='\n"
        "    if [ \"$cur\" = \"=\" ]; then cur=\"\"; fi\n"
        "    if [ \"$prev\" = \"=\" ] && [ \"$COMP_CWORD\" -gt 1 ]; then\n"
        "        prev=\"${COMP_WORDS[COMP_CWORD-2]}\"\n"
        "    fi\n"
        "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
        "        case \"${COMP_WORDS[i]}\" in\n"
        "        dump|exporter|replay|gen-config|gen-completion|help) [ -z \"$sub\" ] && sub=\"${COMP_WORDS[i]}\" ;;\n"
        "        bash|zsh|fish|elvish|powershell) [ \"$sub\" = gen-completion ] && seen_shell=1 ;;\n"
        "        esac\n"
        "    done\n"
        "    local list=\"\"\n"
        "    case \"$prev\" in\n";
    for (const auto& o : options()) {
        if (!o.name) continue;
        if (o.complete == Complete::None) continue;
        std::string pat = std::string("--") + o.name;
        if (o.short_name) pat += std::string("|-") + o.short_name;
        s += "    " + pat + ")\n";
        s += bash_value_case(o);
    }
    s += "    esac\n"
         "    if [ \"$sub\" = gen-completion ]; then\n"
         "        case \"$cur\" in\n"
         "        -*) list=\"--install --help\" ;;\n"
         "        *) [ -z \"$seen_shell\" ] && list=\"bash zsh fish elvish powershell\" ;;\n"
         "        esac\n"
         "        COMPREPLY=($(compgen -W \"$list\" -- \"$cur\")); return 0\n"
         "    fi\n"
         "    if [ \"$sub\" = replay ] && [ \"${cur#-}\" = \"$cur\" ]; then\n"
         "        COMPREPLY=($(compgen -f -- \"$cur\")); return 0\n"
         "    fi\n"
         "    if [ \"$sub\" = help ]; then\n"
         "        COMPREPLY=($(compgen -W \"gen-config gen-completion\" -- \"$cur\")); return 0\n"
         "    fi\n"
         "    case \"$cur\" in\n"
         "    -*) list=\"";
    std::string opts;
    for (const auto& o : options()) {
        if (!o.name) continue;
        opts += std::string(opts.empty() ? "" : " ") + "--" + o.name;
        if (o.short_name) opts += std::string(" -") + o.short_name;
    }
    s += opts + "\" ;;\n"
                "    *) [ -z \"$sub\" ] && list=\"";
    std::string cmds;
    for (const auto& c : kCommands) cmds += std::string(cmds.empty() ? "" : " ") + c.name;
    s += cmds + "\" ;;\n"
                "    esac\n"
                "    COMPREPLY=($(compgen -W \"$list\" -- \"$cur\"))\n"
                "}\n"
                "complete -F _tokio_console tokio-console\n";
    return s;
}

std::string zsh() {
    std::string s = "#compdef tokio-console\n"
                    "# zsh completion for tokio-console\n"
                    "\n"
                    "_tokio-console() {\n"
                    "    local curcontext=\"$curcontext\" state line ret=1\n"
                    "    typeset -A opt_args\n"
                    "    local -a lints\n"
                    "    lints=(" +
                    words(known_lints()) +
                    ")\n"
                    "    _arguments -C -s -S \\\n";
    for (const auto& o : options()) {
        if (!o.name) continue;
        std::string action;
        switch (o.complete) {
        case Complete::None: break;
        case Complete::File: action = ":file:_files"; break;
        case Complete::Dir: action = ":directory:_files -/"; break;
        case Complete::Lints: action = ":lints:_sequence compadd -a lints"; break;
        case Complete::LintsOrAll: action = ":lints:_sequence compadd - all $lints"; break;
        case Complete::FailOn: action = ":lints:_sequence compadd - " + value_words(o.complete); break;
        case Complete::Any: action = std::string(":") + o.name + ": "; break;
        default: action = std::string(":") + o.name + ":(" + value_words(o.complete) + ")"; break;
        }
        std::string spec_long = std::string("--") + o.name + (o.complete == Complete::None ? "" : "=");
        std::string help = std::string("[") + o.brief + "]";
        bool repeat = o.complete == Complete::Lints || o.complete == Complete::LintsOrAll;
        if (o.short_name) {
            std::string spec_short = std::string("-") + o.short_name + (o.complete == Complete::None ? "" : "+");
            std::string excl = repeat ? "'*'" : std::string("'(-") + o.short_name + " --" + o.name + ")'";
            s += "        " + excl + "{" + spec_short + "," + spec_long + "}'" + help + action + "' \\\n";
        } else {
            s += "        '" + spec_long + help + action + "' \\\n";
        }
    }
    s += "        '1: :->first' \\\n"
         "        '*:: :->rest' && ret=0\n"
         "    case $state in\n"
         "    first)\n"
         "        local -a cmds\n"
         "        cmds=(";
    for (const auto& c : kCommands) s += std::string("'") + c.name + ":" + c.help + "' ";
    s += ")\n"
         "        _describe -t commands 'command' cmds && ret=0\n"
         "        _urls && ret=0\n"
         "        ;;\n"
         "    rest)\n"
         "        case $line[1] in\n"
         "        gen-completion)\n"
         "            _arguments '--install[install the script]' '1:shell:(bash zsh fish elvish powershell)' && ret=0 "
         ";;\n"
         "        help)\n"
         "            _arguments '1:command:(gen-config gen-completion)' && ret=0 ;;\n"
         "        gen-config) ;;\n"
         "        *)\n"
         "            local -a cmds\n"
         "            cmds=(gen-config gen-completion help)\n"
         "            _describe -t commands 'command' cmds && ret=0 ;;\n"
         "        esac\n"
         "        ;;\n"
         "    esac\n"
         "    return ret\n"
         "}\n"
         "\n"
         "if [ \"$funcstack[1]\" = \"_tokio-console\" ]; then\n"
         "    _tokio-console \"$@\"\n"
         "else\n"
         "    compdef _tokio-console tokio-console\n"
         "fi\n";
    return s;
}

std::string fish() {
    std::string s = "# fish completion for tokio-console\n"
                    "function __tokio_console_lints\n"
                    "    set -l tok (commandline -ct)\n"
                    "    set -l tok (string replace -r '^-[-a-zA-Z]*=' '' -- $tok)\n"
                    "    set -l done_part (string replace -r '[^,]*$' '' -- $tok)\n"
                    "    for l in $argv\n"
                    "        printf '%s%s\\n' $done_part $l\n"
                    "    end\n"
                    "end\n"
                    "set -l __tc_cmds gen-config gen-completion help\n"
                    "complete -c tokio-console -f\n";
    for (const auto& c : kCommands)
        s += std::string("complete -c tokio-console -n \"not __fish_seen_subcommand_from $__tc_cmds\" -a ") + c.name +
             " -d '" + c.help + "'\n";
    s += "complete -c tokio-console -n \"__fish_seen_subcommand_from gen-completion\" -a 'bash zsh fish elvish "
         "powershell'\n"
         "complete -c tokio-console -n \"__fish_seen_subcommand_from gen-completion\" -l install -d 'install the "
         "script'\n"
         "complete -c tokio-console -n \"__fish_seen_subcommand_from help\" -a 'gen-config gen-completion'\n";
    for (const auto& o : options()) {
        if (!o.name) continue;
        std::string line = "complete -c tokio-console";
        if (o.short_name) line += std::string(" -s ") + o.short_name;
        line += std::string(" -l ") + o.name;
        switch (o.complete) {
        case Complete::None: break;
        case Complete::File: line += " -r -F"; break;
        case Complete::Dir: line += " -x -a '(__fish_complete_directories)'"; break;
        case Complete::Lints: line += " -x -a '(__tokio_console_lints " + words(known_lints()) + ")'"; break;
        case Complete::LintsOrAll: line += " -x -a '(__tokio_console_lints all " + words(known_lints()) + ")'"; break;
        case Complete::FailOn: line += " -x -a '(__tokio_console_lints " + value_words(o.complete) + ")'"; break;
        case Complete::Any: line += " -x"; break;
        default: line += " -x -a '" + value_words(o.complete) + "'"; break;
        }
        line += std::string(" -d '") + o.brief + "'";
        s += line + "\n";
    }
    return s;
}

std::string elvish() {
    std::string s = "# elvish completion for tokio-console\n"
                    "set edit:completion:arg-completer[tokio-console] = {|@words|\n"
                    "    var n = (count $words)\n"
                    "    var prev = $words[(- $n 2)]\n"
                    "    var values = [\n";
    for (const auto& o : options()) {
        if (!o.name) continue;
        std::string v = value_words(o.complete);
        if (v.empty()) continue;
        s += std::string("        &--") + o.name + "=[" + v + "]\n";
        if (o.short_name) s += std::string("        &-") + o.short_name + "=[" + v + "]\n";
    }
    s += "    ]\n"
         "    if (has-key $values $prev) {\n"
         "        all $values[$prev]\n"
         "        return\n"
         "    }\n"
         "    if (has-value $words gen-completion) {\n"
         "        put bash zsh fish elvish powershell --install\n"
         "        return\n"
         "    }\n"
         "    put";
    for (const auto& c : kCommands) s += std::string(" ") + c.name;
    for (const auto& o : options()) {
        if (!o.name) continue;
        s += std::string(" --") + o.name;
        if (o.short_name) s += std::string(" -") + o.short_name;
    }
    s += "\n}\n";
    return s;
}

std::string powershell() {
    std::string s = "# PowerShell completion for tokio-console\n"
                    "Register-ArgumentCompleter -Native -CommandName 'tokio-console' -ScriptBlock {\n"
                    "    param($wordToComplete, $commandAst, $cursorPosition)\n"
                    "    $elements = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })\n"
                    "    $prev = if ($wordToComplete) { $elements[-2] } else { $elements[-1] }\n"
                    "    $values = @{\n";
    for (const auto& o : options()) {
        if (!o.name) continue;
        std::string v = value_words(o.complete);
        if (v.empty()) continue;
        std::string list;
        for (size_t i = 0, j; i < v.size(); i = j + 1) {
            j = v.find(' ', i);
            if (j == std::string::npos) j = v.size();
            list += std::string(list.empty() ? "" : ", ") + "'" + v.substr(i, j - i) + "'";
        }
        s += std::string("        '--") + o.name + "' = @(" + list + ")\n";
        if (o.short_name) s += std::string("        '-") + o.short_name + "' = @(" + list + ")\n";
    }
    s += "    }\n"
         "    if ($values.ContainsKey($prev)) {\n"
         "        $candidates = $values[$prev]\n"
         "    } elseif ($elements -contains 'gen-completion') {\n"
         "        $candidates = @('bash', 'zsh', 'fish', 'elvish', 'powershell', '--install')\n"
         "    } else {\n"
         "        $candidates = @(";
    std::string all;
    for (const auto& c : kCommands) all += std::string(all.empty() ? "" : ", ") + "'" + c.name + "'";
    for (const auto& o : options()) {
        if (!o.name) continue;
        all += std::string(", '--") + o.name + "'";
        if (o.short_name) all += std::string(", '-") + o.short_name + "'";
    }
    s += all + ")\n"
               "    }\n"
               "    $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {\n"
               "        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)\n"
               "    }\n"
               "}\n";
    return s;
}

}  // namespace

std::string completion_script(const std::string& shell) {
    if (shell == "bash") return bash();
    if (shell == "zsh") return zsh();
    if (shell == "fish") return fish();
    if (shell == "elvish") return elvish();
    if (shell == "powershell") return powershell();
    return "";
}

}  // namespace config
