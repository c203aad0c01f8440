# lib/main.sh: the steps of a run, in order.

init_shell() {
    set -f
    unset CDPATH
    LC_ALL=C
    export LC_ALL
    nl='
'
    tab='	'
    case ${0##*/} in
        ds_shell) PROG=ds_shell ;;
        *) PROG=ds_shell.sh ;;
    esac
    staging_active=no owner='' writing_path=''
    opt_quiet=no
}

on_exit() {
    remove_staging
}

on_signal() { # EXIT-STATUS
    remove_staging
    trap - EXIT
    err "interrupted; no file was left half-written: run the same command again to complete the project"
    exit "$1"
}

# Past a file-size limit (ulimit -f) a write fails and the shell gets SIGXFSZ,
# which would kill it without a word. Caught, it ends the run like an
# interrupt. (Ignored, zsh would go on with a here-document cut short.)
on_file_too_large() {
    trap - EXIT
    if [ "$staging_active" = yes ]; then
        remove_staging
        err "cannot write $writing_path: it is larger than the file-size limit (ulimit -f); nothing was moved into place"
    else
        err "the output is larger than the file-size limit (ulimit -f)"
    fi
    exit 1
}

install_traps() {
    trap on_file_too_large XFSZ
    trap on_exit EXIT
    trap 'on_signal 129' HUP
    trap 'on_signal 130' INT
    trap 'on_signal 143' TERM
}

# Relative paths get a leading ./ so that cd neither reads CDPATH nor takes
# "-" for the previous directory.
enter_dir() { # PATH
    case $1 in
        /*) cd -- "$1" ;;
        *) cd -- "./$1" ;;
    esac || die "cannot enter '$1'"
}

detect_sudo() {
    case ${SUDO_UID-} in
        '' | 0 | *[!0123456789]*) return 0 ;;
    esac
    [ "$(id -u)" = 0 ] || return 0
    case ${SUDO_GID-} in
        '' | *[!0123456789]*) owner=$SUDO_UID ;;
        *) owner=$SUDO_UID:$SUDO_GID ;;
    esac
    note "sudo is not needed: $PROG writes only inside DIRECTORY. What it creates will belong to ${SUDO_USER:-user $SUDO_UID}, not to root."
}

note_windows_drive() {
    [ -n "${WSL_DISTRO_NAME-}" ] || return 0
    case $PWD in
        /mnt/[abcdefghijklmnopqrstuvwxyz] | /mnt/[abcdefghijklmnopqrstuvwxyz]/*)
            note "$PWD is on a Windows drive: builds and git are much faster inside the Linux file system (for example under ~/)"
            ;;
    esac
}

# Makes DIRECTORY and any missing parents, giving each to the sudo user.
create_target() { # PATH
    strip_trailing_slashes "$1"
    create_path=$stripped shown_target=$stripped/
    set --
    while ! [ -d "$create_path" ]; do
        set -- "$create_path" "$@"
        case $create_path in
            */*) create_path=${create_path%/*} && strip_trailing_slashes "$create_path" ;;
            *) break ;;
        esac
        create_path=$stripped
        [ -n "$create_path" ] || break
    done
    [ $# -gt 0 ] || return 0
    mkdir -- "$@" || die "cannot create the folder '$target'"
    give_to_owner "$@"
    counted_status create "$shown_target"
}

init_git() {
    [ "$opt_no_git" = no ] && [ "$opt_check" = no ] || return 0
    if ! command -v git >/dev/null 2>&1; then
        note "git is not installed: skipped git init"
        return 0
    fi
    # A dry run for a folder not made yet asks about the folder it would go in.
    git_dir=.
    [ "$target_exists" = yes ] || [ "$writes" = yes ] || git_dir=$existing_ancestor
    if git -C "$git_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        return 0
    fi
    if [ "$writes" = yes ]; then
        git_output=$(git init -q 2>&1) || die "git init failed in $PWD: $git_output"
        give_to_owner -R .git
    fi
    counted_status create .git/ "git init"
}

# The project folder as the user would type it in a shell.
quote_for_shell() { # TEXT; sets quoted
    case $1 in
        *[!"$ALNUM"._/+:@%=,-]* | '')
            quoted=\' rest=$1
            while :; do
                case $rest in
                    *\'*)
                        quoted=$quoted${rest%%\'*}\'\\\'\'
                        rest=${rest#*\'}
                        ;;
                    *) break ;;
                esac
            done
            quoted=$quoted$rest\'
            ;;
        *) quoted=$1 ;;
    esac
}

summary_counts() {
    counts=''
    [ "$n_create" -eq 0 ] || counts="$counts, $n_create created"
    [ "$n_identical" -eq 0 ] || counts="$counts, $n_identical identical"
    [ "$n_kept" -eq 0 ] || counts="$counts, $n_kept kept"
    [ "$n_replaced" -eq 0 ] || counts="$counts, $n_replaced replaced"
    [ "$n_merged" -eq 0 ] || counts="$counts, $n_merged merged"
    counts=${counts#, }
}

print_summary() {
    [ "$opt_quiet" = no ] || return 0
    summary_counts
    say ""
    if [ "$opt_dry_run" = yes ]; then
        say "Dry run for '$project_name' in $target: a real run would report $counts. Nothing was written."
        return 0
    fi
    say "Project '$project_name' is ready in $target: $counts."
    [ "$n_differs" -eq 0 ] ||
        say "$n_differs file(s) differ from the template and were kept; --force replaces them and keeps a backup."
    [ -z "$backup_root" ] ||
        say "The files it replaced are backed up in $backup_root/."
    print_next_steps
}

print_next_steps() {
    say "Next steps:"
    if [ "$target" != . ]; then
        quote_for_shell "$target"
        say "  cd $quoted"
    fi
    say "  docker compose -f notebook-docker-compose.yml up --build     # Jupyter on http://localhost:8888"
    say "  docker compose -f src/fastapi-docker-compose.yml up --build  # the API on http://localhost:8002/docs"
    say "  README.md says where data, notebooks and models go."
}

print_check_summary() {
    [ "$opt_quiet" = no ] || return 0
    say ""
    if [ "$n_create" -eq 0 ] && [ "$n_merged" -eq 0 ] && [ "$n_conflict" -eq 0 ]; then
        say "Check of $target: the structure is complete ($n_identical identical, $n_kept differ)."
    else
        say "Check of $target: $n_create missing, $n_merged incomplete, $n_conflict in the way. $PROG $target completes it."
    fi
}

check_outcome() {
    [ "$n_create" -eq 0 ] && [ "$n_merged" -eq 0 ] && [ "$n_conflict" -eq 0 ]
}

run_check() {
    [ "$target_exists" = yes ] || die "'$target' does not exist"
    scaffold_entries
    print_check_summary
    check_outcome || exit 1
}

# A new DIRECTORY goes into its nearest existing folder, which must be writable.
check_ancestor_writable() {
    [ "$target_exists" = no ] && ! [ -w "$existing_ancestor" ] || return 0
    err "cannot create '$target': cannot write in '$existing_ancestor' (permission denied, or a read-only file system)"
    stop_before_writing "choose a folder you can write in"
}

run_scaffold() {
    check_ancestor_writable
    if [ "$target_exists" = no ]; then
        if [ "$writes" = yes ]; then
            create_target "$target"
            enter_dir "$target"
        else
            strip_trailing_slashes "$target"
            counted_status create "$stripped/"
        fi
    fi
    scaffold_entries
    init_git
    print_summary
}

main() {
    [ -z "${DS_SHELL_TEST_NO_MAIN-}" ] || return 0
    init_shell
    setup_colours
    set_defaults
    parse_args "$@"
    validate_modes
    validate_python "$opt_python"
    target=${target_arg:-.}
    validate_target "$target"
    if [ "$target_exists" = yes ]; then
        enter_dir "$target"
        target_base=${PWD##*/}
    fi
    validate_name "$target_base"
    slug_of_name "$project_name"
    writes=yes
    [ "$opt_dry_run" = no ] && [ "$opt_check" = no ] || writes=no
    detect_sudo
    note_windows_drive
    install_traps
    n_create=0 n_identical=0 n_kept=0 n_replaced=0 n_merged=0 n_differs=0
    if [ "$opt_check" = yes ]; then run_check; else run_scaffold; fi
}
