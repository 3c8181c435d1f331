#!/bin/sh
# The README's set-up commands, verbatim, on a fresh Debian 12 machine: a
# bookworm root made by debootstrap --variant=minbase with git, make and
# g++ only.  In one untouched copy of it `make check` runs to completion
# and then the release tarball builds with ./configure && make && make
# install; in another `make demo` runs under tmux until the demo's tasks
# are on screen, and q ends it cleanly.  Run by `make check-fresh` (and
# .ci/run); it needs root, for debootstrap, chroot and mounts.
#
# The base root is made once and kept as a tarball in FRESH_CACHE (outside
# the clone, named by the release and the base packages); every run
# unpacks a new copy, so nothing an earlier run installed can hide a step.

. "$(dirname "$0")/test-lib.sh"

RELEASE=bookworm
BASE_PACKAGES=git,make,g++
: "${FRESH_CACHE:=/var/cache/tokio-console}"
: "${FRESH_MIRROR:=http://deb.debian.org/debian}"
: "${FRESH_TMP:=/var/tmp}"
IN_ROOT=$TOP/t/fresh/in-root
BASE_TAR=$FRESH_CACHE/$RELEASE-minbase-$(echo "$BASE_PACKAGES" | tr , -).tar
HOME_IN_ROOT=/home/ci
SRC_IN_ROOT=$HOME_IN_ROOT/tokio-console

if test "$(id -u)" != 0; then
    skip_all="check-fresh needs root (debootstrap, chroot, mounts)"
    test_done
fi
for tool in debootstrap unshare chroot git tmux; do
    if ! command -v $tool >/dev/null 2>&1; then
        skip_all="check-fresh needs '$tool' (apt-get install debootstrap tmux)"
        test_done
    fi
done

WORK=$(mktemp -d "$FRESH_TMP/tokio-console-fresh.XXXXXX") || exit 1
fresh_cleanup () {
    tmux_ kill-server 2>/dev/null
    # The mounts were private to each command's namespace: only plain
    # files are left, and --one-file-system keeps rm inside them.
    rm -rf --one-file-system "$WORK"
}
trap 'fresh_cleanup; test_cleanup_' EXIT

# Notes how long a step took; the notes are printed at the end, since a
# test's own output is kept only when it fails.
NOTES=$WORK/notes
elapsed () {
    echo "# $1 took $(( $(date +%s) - $2 )) s" >>"$NOTES"
}

# failure_report LOG: what a failed run in the root said of each failed
# test (its commands, and what they printed: a wait's message and the
# screen it saw), which comes before the summary; then the summary.
failure_report () {
    grep -E "^#" "$1" | head -200
    tail -40 "$1"
}

# new_root NAME: an untouched copy of the base root, with a clean clone of
# HEAD at $SRC_IN_ROOT and the fixtures beside it (read-only, as CI has
# them), and the host's /etc/hosts and resolver: an installed machine has
# both (localhost among them), a debootstrapped root neither.
new_root () {
    nr_root=$WORK/$1
    mkdir "$nr_root" &&
    tar -C "$nr_root" -xpf "$BASE_TAR" &&
    cp /etc/resolv.conf "$nr_root/etc/resolv.conf" &&
    cp /etc/hosts "$nr_root/etc/hosts" &&
    mkdir -p "$nr_root$HOME_IN_ROOT" &&
    git clone -q --no-hardlinks "$TOP" "$nr_root$SRC_IN_ROOT" &&
    if test -d "$FIXTURES_DIR"; then
        mkdir "$nr_root$HOME_IN_ROOT/shared" &&
        cp -R "$FIXTURES_DIR" "$nr_root$HOME_IN_ROOT/shared/" &&
        chmod -R a-w "$nr_root$HOME_IN_ROOT/shared"
    fi
}

test_expect_success "a $RELEASE root with only $BASE_PACKAGES" '
    if ! test -s "$BASE_TAR"; then
        start=$(date +%s) &&
        mkdir -p "$FRESH_CACHE" &&
        debootstrap --variant=minbase --include="$BASE_PACKAGES" \
            "$RELEASE" "$WORK/base" "$FRESH_MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
            { tail -20 "$WORK/debootstrap.log"; false; } &&
        tar -C "$WORK/base" --numeric-owner -cf "$BASE_TAR.new" . &&
        mv "$BASE_TAR.new" "$BASE_TAR" &&
        rm -rf --one-file-system "$WORK/base" &&
        elapsed "debootstrap" $start
    fi &&
    new_root probe &&
    "$IN_ROOT" "$WORK/probe" sh -c "command -v git && command -v make && command -v g++" &&
    ! "$IN_ROOT" "$WORK/probe" sh -c "command -v protoc || command -v pkg-config || command -v tmux" &&
    rm -rf --one-file-system "$WORK/probe"
'

test_expect_success 'make check, verbatim, passes on the fresh root' '
    new_root check &&
    start=$(date +%s) &&
    timeout 4500 "$IN_ROOT" "$WORK/check" sh -c "cd $SRC_IN_ROOT && make check" \
        >"$WORK/check.log" 2>&1
    status=$?
    elapsed "make check" $start
    grep -E "^(installing:|skipped|[0-9]+ passed)" "$WORK/check.log" | sed "s/^/# /" >>"$NOTES"
    test $status = 0 || { failure_report "$WORK/check.log"; false; } &&
    tail -1 "$WORK/check.log" | grep -E -q "^[0-9]+ passed, 0 failed"
'

test_expect_success './configure && make && make install DESTDIR from the release tarball' '
    start=$(date +%s) &&
    timeout 1800 "$IN_ROOT" "$WORK/check" sh -c "
        cd $SRC_IN_ROOT && make dist >/dev/null &&
        mkdir -p /tmp/build && tar -C /tmp/build -xzf tokio-console-*.tar.gz &&
        cd /tmp/build/tokio-console-* && ./configure && make -j2 &&
        make install DESTDIR=/tmp/stage &&
        /tmp/stage/usr/local/bin/tokio-console --version &&
        test -f /tmp/stage/usr/local/share/man/man1/tokio-console.1" >"$WORK/install.log" 2>&1 ||
        { tail -40 "$WORK/install.log"; false; } &&
    elapsed "configure, make, make install" $start &&
    tail -1 "$WORK/install.log" | grep "^tokio-console "
'
test -d "$WORK/check" && rm -rf --one-file-system "$WORK/check"

test_expect_success TMUX 'make demo, verbatim, shows the demo and quits on q' '
    new_root demo &&
    start=$(date +%s) &&
    printf "#!/bin/sh\nexec %s %s sh -c \"cd %s && make demo\"\n" \
        "$IN_ROOT" "$WORK/demo" "$SRC_IN_ROOT" >"$WORK/run-demo" &&
    chmod +x "$WORK/run-demo" &&
    TOKIO_CONSOLE="$WORK/run-demo" start_console &&
    wait_screen "Tasks \([1-9][0-9]+\)" 3600 &&
    wait_screen "db-worker" &&
    elapsed "make demo, until the tasks showed" $start &&
    send_keys q &&
    wait_console_exit 60 &&
    test "$CONSOLE_STATUS" = 0
'

test -f "$NOTES" && cat "$NOTES"
test_done
