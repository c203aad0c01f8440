# Shared by the .bats files: a fresh empty folder per test, and the script.
# TEST_SHELL picks the shell that runs ds_shell.sh (default: sh).

REPO=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
# DS_SHELL_SCRIPT: the script under test (tests/test_failsafe.py sets it).
SCRIPT=${DS_SHELL_SCRIPT:-$REPO/ds_shell.sh}

setup() {
    WORK=$BATS_TEST_TMPDIR/work
    mkdir "$WORK"
    cd "$WORK" || exit 1
    unset NO_COLOR SUDO_UID SUDO_GID SUDO_USER WSL_DISTRO_NAME CDPATH
}

ds_shell() {
    ${TEST_SHELL:-sh} "$SCRIPT" "$@"
}

# Usage errors must come before anything is written.
assert_nothing_written() {
    [ -z "$(ls -A "$WORK")" ] || {
        echo "written: $(ls -A "$WORK")" >&2
        return 1
    }
}

assert_usage_error() { # MESSAGE
    [ "$status" -eq 2 ] || { echo "status $status, not 2" >&2; return 1; }
    [ "$output" = "ds_shell.sh: error: $1" ] || { echo "got: $output" >&2; return 1; }
    assert_nothing_written
}
