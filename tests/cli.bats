#!/usr/bin/env bats
# The command-line surface: options, operands, exit codes and messages.

bats_require_minimum_version 1.5.0
load test_helper

@test "--help prints the usage on stdout and exits 0" {
    run --separate-stderr ds_shell --help
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = "Usage: ds_shell.sh [options] [DIRECTORY]" ]
    [ -z "$stderr" ]
    for option in --name --python --force --dry-run --check --no-git --quiet --help --version; do
        [[ "$output" == *"$option"* ]] || { echo "missing $option"; false; }
    done
    [[ "$output" == *"  2  bad usage or bad input; nothing was written"* ]]
    assert_nothing_written
}

@test "--help is exactly the documented usage (tests/fixtures/cli/help.txt)" {
    # A change to the usage must come with a change to the snapshot, read by a person.
    run --separate-stderr ds_shell --help
    diff -u "$BATS_TEST_DIRNAME/fixtures/cli/help.txt" - <<<"$output"
}

@test "-h is --help, and wins over the options after it" {
    run ds_shell -h --frobnicate
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = "Usage: ds_shell.sh [options] [DIRECTORY]" ]
}

@test "--version and -V print the version" {
    run --separate-stderr ds_shell --version
    [ "$status" -eq 0 ]
    [ "$output" = "ds_shell.sh 1.0.0" ]
    run ds_shell -V
    [ "$output" = "ds_shell.sh 1.0.0" ]
    assert_nothing_written
}

@test "an unknown long option is a usage error" {
    run ds_shell --frobnicate p
    assert_usage_error "unknown option '--frobnicate' (see ds_shell.sh --help)"
}

@test "an unknown short option is a usage error, also inside a group" {
    run ds_shell -x
    assert_usage_error "unknown option '-x' (see ds_shell.sh --help)"
    run ds_shell -fx p
    assert_usage_error "unknown option '-x' (see ds_shell.sh --help)"
}

@test "flags take no value" {
    run ds_shell --force=yes p
    assert_usage_error "unknown option '--force=yes' (see ds_shell.sh --help)"
}

@test "an option without its value is a usage error" {
    run ds_shell --name
    assert_usage_error "option '--name' needs a value (see ds_shell.sh --help)"
    run ds_shell p -n
    assert_usage_error "option '-n' needs a value (see ds_shell.sh --help)"
    run ds_shell --python
    assert_usage_error "option '--python' needs a value (see ds_shell.sh --help)"
}

@test "an invalid --name is a usage error" {
    for name in '' '-lead' 'trail.' 'sp ace' 'a/b' 'x$(touch pwned)' 'é'; do
        run ds_shell --name "$name" p
        assert_usage_error "invalid project name '$name': use letters, digits, '.', '_' and '-', starting and ending with a letter or digit"
    done
    run ds_shell --name= p
    [ "$status" -eq 2 ]
    assert_nothing_written
}

@test "a directory whose name is no valid project name gets a --name proposal" {
    run ds_shell "my project (v2)"
    assert_usage_error "the directory name 'my project (v2)' is not a valid project name; give one with --name, for example: --name my-project-v2"
    run ds_shell "__init__"
    assert_usage_error "the directory name '__init__' is not a valid project name; give one with --name, for example: --name init"
    run ds_shell -- -
    assert_usage_error "the directory name '-' is not a valid project name; give one with --name, for example: --name my-project"
}

@test "a directory with any characters works with --name" {
    run ds_shell --no-git -q --name ok "my dir \$(x) 'q'"
    [ "$status" -eq 0 ]
    [ -f "my dir \$(x) 'q'/src/app/main.py" ]
}

@test "an invalid --python is a usage error" {
    for version in 3 3.9 2.7 3.12.1 4.0 3.x ' 3.12' 3.012; do
        run ds_shell --python "$version" p
        assert_usage_error "invalid Python version '$version': give it as X.Y, 3.10 or newer (for example --python 3.12)"
    done
}

@test "DIRECTORY that is a file, or below a file, is a usage error" {
    touch "$WORK/file"
    run ds_shell file
    [ "$status" -eq 2 ]
    [ "$output" = "ds_shell.sh: error: 'file' exists and is not a directory" ]
    run ds_shell file/sub/p
    [ "$status" -eq 2 ]
    [ "$output" = "ds_shell.sh: error: cannot create 'file/sub/p': 'file' is not a directory" ]
    [ "$(ls -A "$WORK")" = file ]
}

@test "DIRECTORY that goes through . or .. of a missing folder is a usage error" {
    run ds_shell missing/../p
    assert_usage_error "cannot create 'missing/../p': 'missing/..' does not exist"
    run ds_shell new/./p
    assert_usage_error "cannot create 'new/./p': 'new/.' does not exist"
    run ds_shell new/..
    assert_usage_error "cannot create 'new/..': 'new/..' does not exist"
}

@test "a folder name longer than 255 bytes is a usage error" {
    long=$(printf '%0256d' 0)
    run ds_shell "$long/p"
    assert_usage_error "cannot create '$long/p': a folder name in it is longer than 255 bytes"
    # 86 characters of 3 bytes each: 258 bytes.
    wide=$(printf '\342\202\254%.0s' $(seq 86))
    run ds_shell --name ok "x/$wide"
    assert_usage_error "cannot create 'x/$wide': a folder name in it is longer than 255 bytes"
    # 255 bytes fit.
    run ds_shell -q --no-git --name ok "${long%0}"
    [ "$status" -eq 0 ]
    [ -f "${long%0}/README.md" ]
}

@test "a dangling symbolic link as DIRECTORY is a usage error" {
    ln -s nowhere "$WORK/link"
    run ds_shell link
    [ "$status" -eq 2 ]
    [ "$output" = "ds_shell.sh: error: 'link' exists and is not a directory" ]
    [ ! -e "$WORK/nowhere" ]
}

@test "two directories are a usage error" {
    run ds_shell a b
    assert_usage_error "more than one DIRECTORY given: 'a' and 'b'"
}

@test "an empty DIRECTORY is a usage error" {
    run ds_shell ""
    assert_usage_error "DIRECTORY is an empty string"
}

@test "--check cannot be combined with --dry-run or --force" {
    run ds_shell --check --dry-run p
    assert_usage_error "--check and --dry-run cannot be combined"
    run ds_shell --force --check p
    assert_usage_error "--check and --force cannot be combined"
}

@test "-- ends the options" {
    run ds_shell --no-git -q --name ok -- -dir
    [ "$status" -eq 0 ]
    [ -f "$WORK/-dir/README.md" ]
    rm -rf -- "$WORK/-dir"
    run ds_shell -q --name ok -- a --no-git
    assert_usage_error "more than one DIRECTORY given: 'a' and '--no-git'"
}

@test "short options combine and take their value attached or apart" {
    run ds_shell -qfnAttached --no-git a
    [ "$status" -eq 0 ] && [ -z "$output" ]
    grep -q '^# Attached$' a/README.md
    run ds_shell -qn Apart --no-git b
    [ "$status" -eq 0 ]
    grep -q '^# Apart$' b/README.md
    run ds_shell --no-git -q --name=Equals c
    grep -q '^# Equals$' c/README.md
}

@test "options may follow DIRECTORY and the last repeated value wins" {
    run ds_shell p --python 3.11 --no-git --python=3.13 -q
    [ "$status" -eq 0 ]
    grep -q '^FROM python:3.13-slim$' p/src/Dockerfile
}

@test "--quiet prints nothing on success" {
    run --separate-stderr ds_shell --quiet --no-git p
    [ "$status" -eq 0 ]
    [ -z "$output" ] && [ -z "$stderr" ]
    [ -f p/src/app/main.py ]
}

@test "--quiet still prints errors" {
    run ds_shell -q --frobnicate
    [ "$status" -eq 2 ]
    [ "$output" = "ds_shell.sh: error: unknown option '--frobnicate' (see ds_shell.sh --help)" ]
}

@test "with no arguments it works in the current directory" {
    mkdir "$WORK/churn"
    cd "$WORK/churn"
    run --separate-stderr ds_shell --no-git
    [ "$status" -eq 0 ]
    [ -f src/app/main.py ]
    grep -q '^# churn$' README.md
    [[ "$output" == *"Project 'churn' is ready in .: "* ]]
    [[ "$output" != *"  cd "* ]]
}

@test "DIRECTORY is created with its parents" {
    run ds_shell -q --no-git a/b/c
    [ "$status" -eq 0 ]
    [ -f a/b/c/README.md ]
    grep -q '^# c$' a/b/c/README.md
}

@test "trailing slashes and . are understood" {
    run ds_shell -q --no-git proj//
    [ "$status" -eq 0 ]
    grep -q '^# proj$' proj/README.md
    cd proj
    run ds_shell --no-git .
    [ "$status" -eq 0 ]
    [[ "$output" == *"Project 'proj' is ready in .: 40 identical."* ]]
}

@test "no colour when stdout is not a terminal" {
    run ds_shell --no-git p
    [[ "$output" != *$'\033'* ]]
}

@test "installed as ds_shell, it calls itself ds_shell" {
    cp "$SCRIPT" "$BATS_TEST_TMPDIR/ds_shell"
    run ${TEST_SHELL:-sh} "$BATS_TEST_TMPDIR/ds_shell" --version
    [ "$output" = "ds_shell 1.0.0" ]
}

@test "sourced with DS_SHELL_TEST_NO_MAIN set, it defines its functions and runs nothing" {
    DS_SHELL_TEST_NO_MAIN=1 . "$SCRIPT"
    assert_nothing_written
    is_valid_name churn.model_2-b
    # A bare "! cmd" cannot fail a bats test.
    if is_valid_name -x || is_valid_name 'a b'; then false; fi
    normalise_name '  Données (2024) v2.. '
    [ "$normalised" = "Donn-es-2024-v2" ]
    slug_of_name Churn.Model__V2
    [ "$project_slug" = "churn-model-v2" ]
}

@test "a missing DIRECTORY's status line has no doubled slashes" {
    run ds_shell --no-git new//
    [ "${lines[0]}" = "    create  new/" ]
    run ds_shell --no-git --dry-run other///
    [ "${lines[0]}" = "    create  other/" ]
}
