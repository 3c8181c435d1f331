#!/bin/sh
# gen-completion scripts loaded into real shells: options, option values,
# comma-separated lint names, subcommands and shells complete.  zsh and
# fish are tested when they are installed.

. "$(dirname "$0")/test-lib.sh"
test_skip_all_unless CONSOLE

TC=$(cd "$(dirname "$TOKIO_CONSOLE")" && pwd)/$(basename "$TOKIO_CONSOLE")
command -v bash >/dev/null 2>&1 && test_set_prereq BASH
command -v zsh >/dev/null 2>&1 && test_set_prereq ZSH
command -v fish >/dev/null 2>&1 && test_set_prereq FISH

test_expect_success 'every shell gets a script' '
    for sh in bash zsh fish elvish powershell; do
        "$TC" gen-completion $sh >$sh.out && test -s $sh.out || return 1
    done &&
    grep -q "long-poll" elvish.out && grep -q "Register-ArgumentCompleter" powershell.out
'

# bash_complete WORD...: what bash completes for the last word.
cat >"$TRASH/bash-complete" <<\EOS
. "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMPREPLY=()
_tokio_console
printf "%s\n" "${COMPREPLY[@]}"
EOS
bash_complete () {
    bash "$TRASH/bash-complete" "$TRASH/bash.out" "$@"
}

test_expect_success BASH 'bash: the script loads cleanly' '
    bash -n bash.out &&
    bash -c ". ./bash.out && complete -p tokio-console" >out &&
    grep "_tokio_console" out
'

test_expect_success BASH 'bash: options' '
    bash_complete tokio-console --pal >out && test "$(cat out)" = --palette &&
    bash_complete tokio-console --tls- >out &&
    grep -x -e --tls-ca out && grep -x -e --tls-insecure out &&
    bash_complete tokio-console --max >out && grep -x -e --max-message-size out
'

test_expect_success BASH 'bash: option values' '
    bash_complete tokio-console --palette "" >out &&
    test "$(tr "\n" " " <out)" = "8 16 256 all off " &&
    bash_complete tokio-console --log "=" "de" >out && test "$(cat out)" = debug &&
    bash_complete tokio-console --ascii-only t >out && test "$(cat out)" = true
'

test_expect_success BASH 'bash: lint names, also after a comma' '
    bash_complete tokio-console -W "" >out && test $(wc -l <out) = 6 && grep -x long-poll out &&
    bash_complete tokio-console --warn self-wakes,lo >out &&
    grep -x self-wakes,lost-waker out && grep -x self-wakes,long-poll out &&
    bash_complete tokio-console -A a >out && grep -x all out && grep -x auto-boxed-future out
'

test_expect_success BASH 'bash: dump --fail-on offers any and the lints dump can check' '
    bash_complete tokio-console dump --fail-on "" >out &&
    test "$(tr "\n" " " <out)" = "any self-wakes lost-waker never-yielded auto-boxed-future large-future " &&
    bash_complete tokio-console dump --fail-on lost-waker,l >out &&
    grep -x lost-waker,large-future out && ! grep long-poll out
'

test_expect_success BASH 'bash: subcommands and shells' '
    bash_complete tokio-console gen >out &&
    grep -x gen-config out && grep -x gen-completion out &&
    bash_complete tokio-console gen-completion "" >out &&
    test "$(tr "\n" " " <out)" = "bash zsh fish elvish powershell " &&
    bash_complete tokio-console gen-completion -- >out && grep -x -e --install out
'

test_expect_success BASH 'bash: files and directories' '
    mkdir -p certs/dir && : >certs/ca.pem &&
    bash_complete tokio-console --tls-ca certs/c >out && grep -x certs/ca.pem out &&
    bash_complete tokio-console --log-dir certs/ >out && grep -x certs/dir out
'

# zsh_complete 'LINE': what an interactive zsh lists after Tab Tab.
cat >"$TRASH/zsh-complete" <<\EOS
zmodload zsh/zpty
zpty z "zsh -f -i"
zpty -w z "PS1=\"> \"; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; LISTMAX=10000; unsetopt beep; print READY\$((1+1))"
zpty -r -m z out "*READY2*"
zpty -w -n z "$2"$'\t\t'
# Read until the listing has come and nothing more arrives for a while.
all= quiet=0
for i in {1..100}; do
    sleep 0.05
    got=
    while zpty -r -t z chunk 2>/dev/null; do all+=$chunk; got=1; done
    if test -n "$got"; then quiet=0; else quiet=$((quiet + 1)); fi
    test -n "$all" && test $quiet -ge 6 && break
done
print -r -- "$all" | tr -d "\r" | sed "s/\x1b\[[0-9;?]*[a-zA-Z]//g"
zpty -d z
EOS
zsh_complete () {
    timeout 20 zsh -f "$TRASH/zsh-complete" "$TRASH/zfunc" "$1"
}

test_expect_success ZSH 'zsh: the script loads and defines the completion' '
    mkdir -p zfunc && cp zsh.out zfunc/_tokio-console &&
    zsh -n zfunc/_tokio-console &&
    zsh -f -c "fpath=($TRASH/zfunc \$fpath); autoload -U compinit; compinit -u -D; print \$_comps[tokio-console]" >out &&
    grep -x _tokio-console out
'

test_expect_success ZSH 'zsh: options, values, lints, subcommands' '
    zsh_complete "tokio-console --pal" >out && grep -e "--palette" out &&
    zsh_complete "tokio-console --palette " >out && grep "256" out && grep "all" out &&
    zsh_complete "tokio-console -W self-wakes,lo" >out && grep "long-poll" out && grep "lost-waker" out &&
    zsh_complete "tokio-console gen-completion " >out && grep "powershell" out &&
    zsh_complete "tokio-console gen-c" >out && grep "gen-con" out
'

fish_complete () {
    fish -c "source $TRASH/fish.out; complete -C \"$1\"" | cut -f1
}

test_expect_success FISH 'fish: the script loads cleanly' '
    fish -c "source $TRASH/fish.out" 2>err && test ! -s err
'

test_expect_success FISH 'fish: options, values, lints, subcommands' '
    fish_complete "tokio-console --pal" >out && test "$(cat out)" = --palette &&
    fish_complete "tokio-console --palette " >out && grep -x 256 out && grep -x off out &&
    fish_complete "tokio-console -W self-wakes,lo" >out &&
    grep -x self-wakes,long-poll out && grep -x self-wakes,lost-waker out &&
    fish_complete "tokio-console --allow " >out && grep -x all out &&
    fish_complete "tokio-console gen" >out && grep -x gen-config out && grep -x gen-completion out &&
    fish_complete "tokio-console gen-completion " >out && grep -x fish out && grep -x zsh out
'
test_done
