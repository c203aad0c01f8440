# lib/fsutil.sh: writing so that nothing is lost or half-written.
# What a run writes is first staged in .ds_shell-tmp/ inside DIRECTORY, under
# the same relative paths; once every file there is complete, each is renamed
# into place. A rename is atomic, so every path is either absent or complete,
# and a run that fails or is interrupted removes the staging folder. A whole
# new folder moves in as one rename, so an empty DIRECTORY is filled by a
# single mv (process starts are slow on WSL).

STAGING=.ds_shell-tmp

# Calls FUNCTION with each line of LIST (lines are newline-separated).
for_each_line() { # LIST FUNCTION
    saved_ifs=$IFS
    IFS=$nl
    for listed_line in $1; do
        IFS=$saved_ifs
        "$2" "$listed_line"
    done
    IFS=$saved_ifs
}

path_exists() { # PATH (a dangling symbolic link exists too)
    [ -e "$1" ] || [ -h "$1" ]
}

dir_of() { # PATH; sets parent_dir
    case $1 in
        */*) parent_dir=${1%/*} ;;
        *) parent_dir=. ;;
    esac
}

# Under sudo, what is created belongs to the user who ran sudo.
give_to_owner() { # [-R] PATH...
    [ -n "$owner" ] || return 0
    if [ "$1" = -R ]; then
        shift
        chown -R -- "$owner" "$@" || die "cannot give $1 to $owner"
    else
        chown -- "$owner" "$@" || die "cannot give $1 to $owner"
    fi
}

is_secret() { # PATH
    case $1 in
        .env | */.env) return 0 ;;
    esac
    return 1
}

# A folder left by a run that was killed (SIGKILL cannot be trapped).
remove_stale_staging() {
    path_exists "$STAGING" || return 0
    rm -rf -- "$STAGING" || die "cannot remove the leftover $STAGING (in $PWD)"
}

remove_staging() {
    [ "$staging_active" = yes ] || return 0
    staging_active=no
    rm -rf -- "$STAGING"
    restore_shell_temp_files_place
}

# Makes the staging folder and, with one mkdir, the folders it needs. It is
# made only when something is to be written: a rerun touches nothing.
start_staging() { # STAGING-DIRS (newline-separated, relative to STAGING)
    staging_active=yes
    saved_ifs=$IFS
    IFS=$nl
    # Word splitting on newlines is wanted here: template paths hold no
    # blanks or glob characters (lib/build.sh makes sure).
    # shellcheck disable=SC2086
    set -- $1
    IFS=$saved_ifs
    for staged_dir in "$@"; do
        shift
        set -- "$@" "$STAGING/$staged_dir"
    done
    # The first write into DIRECTORY, and the real test of it (busybox's test
    # -w says yes to root on a read-only file system).
    if ! mkdir -- "$STAGING"; then
        staging_active=no
        err "'$target': cannot write in this folder"
        stop_before_writing "make the folder(s) above writable, then run again"
    fi
    [ $# -eq 0 ] || mkdir -p -- "$@" || die "cannot create folders in $STAGING (in $PWD)"
    keep_shell_temp_files_in_staging
}

# mksh and posh keep each here-document in a file in $TMPDIR, zsh in one
# named $TMPPREFIX*; a run killed by SIGKILL leaves it there. While files are
# staged those go into the staging folder, which the next run removes.
keep_shell_temp_files_in_staging() {
    saved_tmpdir=${TMPDIR-} saved_tmpdir_set=${TMPDIR+yes}
    saved_tmpprefix=${TMPPREFIX-} saved_tmpprefix_set=${TMPPREFIX+yes}
    TMPDIR=$PWD/$STAGING TMPPREFIX=$PWD/$STAGING/zsh
}

restore_shell_temp_files_place() {
    if [ "$saved_tmpdir_set" = yes ]; then TMPDIR=$saved_tmpdir; else unset TMPDIR; fi
    if [ "$saved_tmpprefix_set" = yes ]; then TMPPREFIX=$saved_tmpprefix; else unset TMPPREFIX; fi
}

stage_template() { # PATH
    writing_path=$1
    if ! template_body "$1" >"$STAGING/$1"; then
        die "cannot write $1 (staged in $STAGING/, in $PWD): is the disk full, or a file-size limit set? Nothing was moved into place"
    fi
    is_secret "$1" && restrict_to_owner "$STAGING/$1" "$1"
    return 0
}

restrict_to_owner() { # STAGED-FILE PATH
    chmod 600 "$1" 2>/dev/null
    mode=$(ls -ld -- "$1" 2>/dev/null)
    case $mode in
        -rw-------*) ;;
        *) warn "could not make $2 readable by its owner only (is this a Windows-mounted folder?); keep real secrets out of it, or work inside the Linux file system" ;;
    esac
}

# A move: the staged PATH goes into its parent folder. Moves are grouped by
# that folder, one mv each.
plan_move() { # PATH
    dir_of "$1"
    planned_moves=$planned_moves$parent_dir$tab$1$nl
}

move_group() { # DIR
    move_into=$1
    set --
    group_ifs=$IFS
    IFS=$nl
    # Patterns are expanded in assignments: posh mishandles a pattern with a
    # quoted part and a * inside a double-quoted "${x%...}".
    for group_move in $planned_moves; do
        group_dir=${group_move%%"$tab"*} group_path=${group_move#*"$tab"}
        [ "$group_dir" = "$move_into" ] && set -- "$@" "$STAGING/$group_path"
    done
    IFS=$group_ifs
    mv -f -- "$@" "$move_into/" || die "cannot move what was staged in $STAGING into $move_into/ (in $PWD)"
}

# Every folder a staged path moves into must be writable before anything is
# staged, so that a run either moves everything in or changes nothing.
report_unwritable_dirs() { # sets n_unwritable
    n_unwritable=0
    [ -w . ] || report_unwritable "'$target'"
    for_each_move_dir report_if_unwritable_subfolder
}

report_if_unwritable_subfolder() { # DIR
    [ "$1" = . ] || [ -w "$1" ] || report_unwritable "$1/"
}

report_unwritable() { # WHAT
    n_unwritable=$((n_unwritable + 1))
    err "$1: cannot write in this folder (permission denied, or a read-only file system)"
}

# Calls FUNCTION once with each folder that staged paths move into, in the
# order of the plan.
for_each_move_dir() { # FUNCTION
    move_dir_function=$1 seen_move_dirs=$nl
    for_each_line "$planned_moves" call_once_per_move_dir
}

call_once_per_move_dir() { # DIR<tab>PATH
    move_dir=${1%%"$tab"*}
    case $seen_move_dirs in
        *"$nl$move_dir$nl"*) return 0 ;;
    esac
    seen_move_dirs=$seen_move_dirs$move_dir$nl
    "$move_dir_function" "$move_dir"
}

finish_staging() {
    make_planned_backups
    give_to_owner -R "$STAGING"
    for_each_move_dir move_group
    rm -rf -- "$STAGING" || die "cannot remove $STAGING (in $PWD)"
    staging_active=no
    restore_shell_temp_files_place
}

# Backups of replaced files go to .ds_shell-backup/DATE-TIME/, under the
# same relative path. The name is chosen once per run.
choose_backup_root() {
    [ -z "$backup_root" ] || return 0
    stamp=$(date +%Y%m%d-%H%M%S)
    backup_root=.ds_shell-backup/$stamp
    backup_n=1
    while path_exists "$backup_root"; do
        backup_n=$((backup_n + 1))
        backup_root=.ds_shell-backup/$stamp-$backup_n
    done
}

# A backup is planned while settling each path and made only once the
# replacements are staged, just before they move in.
plan_backup() { # PATH
    choose_backup_root
    planned_backups=$planned_backups$1$nl
}

make_planned_backups() {
    for_each_line "$planned_backups" backup_file
}

backup_file() { # PATH
    dir_of "$1"
    mkdir -p -- "$backup_root/$parent_dir" || die "cannot create $backup_root/$parent_dir (in $PWD)"
    cp -p -- "$1" "$backup_root/$1" || die "cannot back up $1 to $backup_root/$1 (in $PWD)"
    give_to_owner -R .ds_shell-backup
}
