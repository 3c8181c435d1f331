#!/bin/sh
# The command line and console.toml through the binary: exit statuses,
# one-line errors with a hint, the order of configuration sources, and
# gen-config output that reads back to itself.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE

TC=$(cd "$(dirname "$TOKIO_CONSOLE")" && pwd)/$(basename "$TOKIO_CONSOLE")
EXAMPLE="$FIXTURES_DIR/upstream/console.example.toml"

# A clean environment: no user files, no stand-in variables.
HOME="$TRASH/home"
XDG_CONFIG_HOME="$TRASH/xdg"
export HOME XDG_CONFIG_HOME
unset RUST_LOG LANG COLORTERM LC_ALL

# expect_usage_error 'text in the message' ARGS...: exit 2, nothing on
# stdout, exactly an error line and a hint line on stderr.
expect_usage_error () {
    want=$1
    shift
    "$TC" "$@" >stdout 2>stderr
    rc=$?
    test $rc = 2 || { echo "exit status $rc"; cat stderr; return 1; }
    test ! -s stdout &&
    test $(wc -l <stderr) = 2 &&
    head -n 1 stderr | grep -F "error: " | grep -F -- "$want" &&
    sed -n 2p stderr | grep "^hint: "
}

test_expect_success '--version and -V' '
    "$TC" --version >out && grep "^tokio-console [0-9][0-9.]*$" out &&
    "$TC" -V >out2 && test_cmp out out2
'

test_expect_success '--help names every option' '
    "$TC" --help >out &&
    for o in --log -W --warn -A --allow --log-dir --lang --ascii-only --no-colors \
        --colorterm --palette --no-duration-colors --no-terminated-colors --retain-for \
        --max-message-size --tls-ca --tls-cert --tls-key --tls-insecure \
        --self-wakes-percent --large-future-bytes --never-yielded-after --long-poll \
        gen-config gen-completion RUST_LOG COLORTERM; do
        grep -q -e "$o" out || { echo "missing $o"; return 1; }
    done &&
    "$TC" -h >out2 && grep -q -e "--retain-for <DURATION|none>  " out2 &&
    "$TC" help gen-completion >sub && grep SHELL sub &&
    "$TC" gen-config --help >sub && grep gen-config sub &&
    "$TC" help replay >sub && grep -e "--start <DURATION>" sub && grep "step one update" sub &&
    "$TC" replay --help >sub2 && test_cmp sub sub2 &&
    ! "$TC" help bogus 2>err && grep "no help for .bogus." err
'

test_expect_success 'an unknown option is exit 2 with one error line and a hint' '
    expect_usage_error "unknown option '\''--bogus'\''" --bogus
'

test_expect_success 'bad values name the problem' '
    expect_usage_error "invalid palette '\''9'\''" --palette 9 &&
    expect_usage_error "unknown unit '\''x'\''" --retain-for 5x &&
    expect_usage_error "unknown lint '\''nope'\''" -W self-wakes,nope &&
    expect_usage_error "unknown lint '\''nope'\''" -A nope &&
    expect_usage_error "missing scheme" 127.0.0.1:6669 &&
    expect_usage_error "expected '\''true'\'' or '\''false'\''" --ascii-only yes &&
    expect_usage_error "needs a value" --log &&
    expect_usage_error "invalid size" --max-message-size big &&
    expect_usage_error "unknown shell '\''tcsh'\''" gen-completion tcsh &&
    expect_usage_error "cannot be used together" --no-colors --palette 8 &&
    expect_usage_error "without its key" --tls-cert c.pem
'

test_expect_success 'a bad RUST_LOG is a usage error' '
    RUST_LOG="a b" expect_usage_error RUST_LOG
'

test_expect_success 'gen-config without any file' '
    "$TC" gen-config >out &&
    grep "^default_target_addr = \"http://127.0.0.1:6669/\"$" out &&
    grep "^log = \"off\"$" out &&
    grep "^retention = \"6s\"$" out &&
    grep "^log_directory = \"/tmp/tokio-console/logs\"$" out &&
    grep "^max_message_size = \"1GiB\"$" out &&
    grep "^\[colors.enable\]$" out &&
    test $(sed -n "/^warnings = \[$/,/^\]$/p" out | grep -c "^    \"") = 5
'

test_expect_success 'gen-config output reads back to itself' '
    "$TC" --retain-for "5days 2min 2s" -A all -W long-poll --palette 16 --log info \
        --max-message-size 4MiB --long-poll 25ms --no-duration-colors true gen-config >console.toml &&
    "$TC" gen-config >again &&
    test_cmp console.toml again &&
    grep "^retention = \"5d00h02m02s\"$" again &&
    grep "^allow_warnings = \"All\"$" again &&
    grep "^palette = \"16\"$" again &&
    grep "^durations = false$" again
'

test_expect_success 'durations as the screen prints them: --retain-for 1d04h and others' '
    "$TC" --retain-for 1d04h --blocked-after 1m05s --long-poll 150µs --never-yielded-after 2.5s \
        gen-config >console.toml &&
    grep "^retention = \"1d04h\"$" console.toml &&
    grep "^blocked_after = \"1m05s\"$" console.toml &&
    grep "^long_poll = \"150us\"$" console.toml &&
    grep "^never_yielded_after = \"2s500ms\"$" console.toml &&
    "$TC" gen-config >again &&
    test_cmp console.toml again &&
    rm console.toml &&
    expect_usage_error "invalid duration '\''1m05'\'': a unit is missing" --retain-for 1m05 &&
    expect_usage_error "unknown unit '\''hx'\''" --blocked-after 1d04hx
'

if test -f "$EXAMPLE"; then
test_expect_success 'upstream example as ./console.toml' '
    rm -f console.toml &&
    "$TC" gen-config >defaults &&
    cp "$EXAMPLE" console.toml &&
    "$TC" gen-config >out &&
    grep "^lang = \"en_US.UTF-8\"$" out &&
    grep "^truecolor = true$" out &&
    grep "^palette = \"all\"$" out &&
    grep -v -e "^lang\|^truecolor\|^palette\|^# lang\|^# palette" defaults >a &&
    grep -v -e "^lang\|^truecolor\|^palette\|^# lang\|^# palette" out >b &&
    test_cmp a b
'
else
    test_skip "upstream example as ./console.toml: fixtures not found at $EXAMPLE"
fi

test_expect_success 'user file, then ./console.toml, then the command line' '
    rm -f console.toml &&
    mkdir -p "$XDG_CONFIG_HOME/tokio-console" &&
    printf "log = \"info\"\nlog_directory = \"/var/tmp/tc\"\n" \
        >"$XDG_CONFIG_HOME/tokio-console/console.toml" &&
    "$TC" gen-config >out &&
    grep "^log = \"info\"$" out && grep "^log_directory = \"/var/tmp/tc\"$" out &&
    printf "log = \"debug\"\n" >console.toml &&
    "$TC" gen-config >out &&
    grep "^log = \"debug\"$" out && grep "^log_directory = \"/var/tmp/tc\"$" out &&
    "$TC" --log trace gen-config >out &&
    grep "^log = \"trace\"$" out &&
    RUST_LOG=warn "$TC" gen-config >out &&
    grep "^log = \"warn\"$" out &&
    rm -rf console.toml "$XDG_CONFIG_HOME"
'

test_expect_success '~/.config without XDG_CONFIG_HOME' '
    mkdir -p "$HOME/.config/tokio-console" &&
    printf "[charset]\nascii_only = true\n" >"$HOME/.config/tokio-console/console.toml" &&
    (unset XDG_CONFIG_HOME && "$TC" gen-config) >out &&
    grep "^ascii_only = true$" out &&
    rm -rf "$HOME/.config"
'

test_expect_success 'environment stand-ins' '
    COLORTERM=truecolor LANG=C.UTF-8 "$TC" gen-config >out &&
    grep "^truecolor = true$" out && grep "^lang = \"C.UTF-8\"$" out &&
    COLORTERM=xterm "$TC" gen-config >out && grep "^truecolor = false$" out
'

test_expect_success 'a bad console.toml is named with its line, exit 2' '
    printf "log = \"info\"\n\nnope = 1\n" >console.toml &&
    expect_usage_error "./console.toml:3: unknown key '\''nope'\''" gen-config &&
    printf "[colors]\nenabled = \"yes\"\n" >console.toml &&
    expect_usage_error "./console.toml:2: key '\''colors.enabled'\'' must be true or false" gen-config &&
    printf "warnings = [\n  \"self-wakes\"\n" >console.toml &&
    expect_usage_error "./console.toml:" gen-config &&
    rm -f console.toml
'

# expect_file_error 'text': gen-config refuses ./console.toml with exit 2
# and the message, within 10 s (a hang on a FIFO fails, not blocks).
expect_file_error () {
    timeout 10 "$TC" gen-config >stdout 2>stderr
    rc=$?
    test $rc = 2 || { echo "exit status $rc"; cat stderr; return 1; }
    head -n 1 stderr | grep -F "error: ./console.toml: $1"
}

test_expect_success 'a FIFO as ./console.toml is refused at once' '
    rm -rf console.toml && mkfifo console.toml &&
    expect_file_error "is a FIFO, not a regular file" &&
    rm -f console.toml
'

test_expect_success '/dev/zero and /dev/urandom as ./console.toml are refused unread' '
    ln -s /dev/zero console.toml &&
    expect_file_error "is a character device, not a regular file" &&
    rm -f console.toml && ln -s /dev/urandom console.toml &&
    expect_file_error "is a character device, not a regular file" &&
    rm -f console.toml
'

test_expect_success 'a directory as ./console.toml is refused' '
    mkdir console.toml &&
    expect_file_error "is a directory, not a regular file" &&
    rmdir console.toml
'

test_expect_success 'a console.toml over 1 MiB is refused; 1 MiB is read' '
    head -c 2097152 /dev/zero | tr "\\0" "#" >console.toml &&
    expect_file_error "is larger than 1 MiB" &&
    head -c 1048575 /dev/zero | tr "\\0" "#" >console.toml && echo >>console.toml &&
    timeout 10 "$TC" gen-config >out &&
    rm -f console.toml
'

test_expect_success '20,000 nested arrays in ./console.toml are an error, not a crash' '
    { printf "warnings = "; head -c 20000 /dev/zero | tr "\\0" "["; } >console.toml &&
    timeout 10 "$TC" gen-config >stdout 2>stderr
    rc=$?
    test $rc = 2 && grep "^error: ./console.toml:1: .*nested value depth" stderr &&
    rm -f console.toml
'

test_expect_success 'runtime failures are exit 1' '
    "$TC" gen-completion --install bash 2>err; test $? = 1 && grep "^error: " err &&
    if test -w /dev/full; then
        "$TC" gen-config >/dev/full 2>err; test $? = 1
    fi
'
# one_error_line STATUS ARGS...: exit STATUS, nothing on stdout, one
# line on stderr that begins as every start-up error does.
one_error_line () {
    oel_want_=$1
    shift
    "$TC" "$@" </dev/null >stdout 2>stderr
    oel_got_=$?
    test $oel_got_ = $oel_want_ || { echo "exit status $oel_got_: $*"; cat stderr; return 1; }
    test ! -s stdout &&
    test $(wc -l <stderr) = 1 &&
    grep -q "^error: " stderr || { echo "not one error line: $*"; cat stderr; return 1; }
}

test_expect_success 'every start-up error is one line that begins "error: "' '
    one_error_line 1 http://127.0.0.1:9 &&
    grep -q "must be a terminal" stderr &&
    one_error_line 1 replay "$TRASH/nothing.tcr" &&
    grep -q "nothing.tcr" stderr &&
    one_error_line 1 dump --from "$TRASH/nothing.tcr" &&
    one_error_line 1 --log debug --log-dir /dev/null/logs http://127.0.0.1:9 &&
    one_error_line 2 dump --view threads
'

test_done
