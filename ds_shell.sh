#!/bin/sh
# ds_shell.sh 1.0.0: lays out a machine-learning project repository (data,
# notebooks, references, and a src/ folder that serves the model with FastAPI)
# and fills it with files that work. Usage: sh ds_shell.sh --help
#
# GENERATED FILE, do not edit: make builds it from the ds_shell repository's
# lib/*.sh (the logic) and lib/template/ (the project's files, one quoted
# heredoc each, near the end). Change those and run make.
#
# Read it before you run it. It writes only inside the folder you give it,
# never overwrites a file silently, needs no sudo and no network, and runs
# only POSIX utilities (and git, if installed). All logic is in functions;
# the last line calls main, so a copy cut short runs nothing.
#
# A copy saved with Windows (CRLF) line endings is stopped right here: every
# line then ends in a carriage return, which lands in this empty assignment.
ds_shell_cr=
case $ds_shell_cr in ?*) printf '%s\n' "ds_shell.sh: error: this copy has Windows (CRLF) line endings, which sh cannot run; convert it with 'dos2unix ds_shell.sh' or 'sed -i \"s/\\r\$//\" ds_shell.sh', then run it again" >&2; exit 2 ;; esac #

# lib/settings.sh: the version and the defaults.
VERSION=1.0.0
DEFAULT_PYTHON=3.12

# lib/msg.sh: everything the user reads.
# Status lines and the summary go to stdout; errors, warnings and notes to stderr.
# Colour only when the stream is a terminal, TERM is set and not "dumb", and
# NO_COLOR is unset or empty (https://no-color.org).

stream_wants_colour() { # FD
    [ -z "${NO_COLOR-}" ] || return 1
    case ${TERM-dumb} in dumb | '') return 1 ;; esac
    [ -t "$1" ]
}

setup_colours() {
    esc=''
    if stream_wants_colour 1 || stream_wants_colour 2; then
        esc=$(printf '\033')
    fi
    c_reset='' c_bold='' c_green='' c_yellow='' c_blue='' c_cyan=''
    if stream_wants_colour 1; then
        c_reset=$esc'[0m' c_bold=$esc'[1m' c_green=$esc'[32m'
        c_yellow=$esc'[33m' c_blue=$esc'[34m' c_cyan=$esc'[36m'
    fi
    e_reset='' e_red='' e_yellow=''
    if stream_wants_colour 2; then
        e_reset=$esc'[0m' e_red=$esc'[1;31m' e_yellow=$esc'[33m'
    fi
}

err() {
    printf '%s: %serror:%s %s\n' "$PROG" "$e_red" "$e_reset" "$*" >&2
}

warn() {
    [ "$opt_quiet" = yes ] && return 0
    printf '%s: %swarning:%s %s\n' "$PROG" "$e_yellow" "$e_reset" "$*" >&2
}

note() {
    [ "$opt_quiet" = yes ] && return 0
    printf '%s: note: %s\n' "$PROG" "$*" >&2
}

# Exit 2: bad usage or bad input, always before anything is written.
die_usage() {
    err "$*"
    exit 2
}

# Exit 1: a failure while working. The message says what failed and where.
die() {
    err "$*"
    exit 1
}

say() {
    [ "$opt_quiet" = yes ] && return 0
    printf '%s\n' "$*"
}

colour_of_status() { # WORD
    case $1 in
        create) status_colour=$c_green ;;
        identical) status_colour=$c_blue ;;
        kept | differs) status_colour=$c_yellow ;;
        replaced | merged | incomplete) status_colour=$c_cyan ;;
        *) status_colour=$c_bold ;;
    esac
}

# One line per path, in the spirit of copier: the status word right-aligned.
say_status() { # WORD PATH [DETAIL]
    [ "$opt_quiet" = yes ] && return 0
    colour_of_status "$1"
    printf '%s%10s%s  %s%s\n' "$status_colour" "$1" "$c_reset" "$2" "${3:+ ($3)}"
}

# lib/cli.sh: the command-line surface: usage, version and option parsing.

show_usage() {
    printf '%s\n' \
        "Usage: $PROG [options] [DIRECTORY]" \
        "" \
        "Lay out a machine-learning project in DIRECTORY: data, notebooks, references" \
        "and a src/ folder that serves the model with FastAPI. Files that already exist" \
        "are never overwritten silently; a rerun changes nothing." \
        "" \
        "Arguments:" \
        "  DIRECTORY          where the project goes (default: the current directory);" \
        "                     created if missing" \
        "" \
        "Options:" \
        "  -n, --name NAME    project name written into files (default: DIRECTORY's" \
        "                     base name); letters, digits, '.', '_' and '-', starting" \
        "                     and ending with a letter or digit" \
        "      --python X.Y   Python version for the Docker images (default $DEFAULT_PYTHON)" \
        "  -f, --force        replace files that differ from the template; the old ones" \
        "                     are backed up under .ds_shell-backup/ (src/app/.env is" \
        "                     never replaced, .gitignore is merged)" \
        "      --dry-run      print what would happen, change nothing" \
        "      --check        compare DIRECTORY with the structure, change nothing;" \
        "                     exit 1 if anything is missing" \
        "      --no-git       do not run 'git init'" \
        "  -q, --quiet        print errors only" \
        "  -h, --help         show this help and exit" \
        "  -V, --version      show the version and exit" \
        "  --                 end of options: what follows is DIRECTORY" \
        "" \
        "Short options combine (-fq) and take their value attached or apart" \
        "(-nNAME, -n NAME); long ones take it as --name NAME or --name=NAME." \
        "Options may follow DIRECTORY; a repeated option's last value wins." \
        "" \
        "Exit status:" \
        "  0  success (for --check: nothing is missing)" \
        "  1  a failure while working, or --check found something missing" \
        "  2  bad usage or bad input; nothing was written" \
        "" \
        "Examples:" \
        "  $PROG churn-model            create ./churn-model" \
        "  $PROG --dry-run churn-model  show what that would do" \
        "  $PROG --check churn-model    is anything missing?"
}

show_version() {
    printf '%s %s\n' "$PROG" "$VERSION"
}

set_defaults() {
    opt_name='' opt_name_given=no opt_python=$DEFAULT_PYTHON
    opt_force=no opt_dry_run=no opt_check=no opt_no_git=no opt_quiet=no
    target_arg='' target_given=no
}

set_target() { # OPERAND
    [ "$target_given" = no ] ||
        die_usage "more than one DIRECTORY given: '$target_arg' and '$1'"
    [ -n "$1" ] || die_usage "DIRECTORY is an empty string"
    target_arg=$1 target_given=yes
}

need_value() { # OPTION ARGC
    [ "$2" -ge 2 ] || die_usage "option '$1' needs a value (see $PROG --help)"
}

parse_args() {
    while [ $# -gt 0 ]; do
        case $1 in
            --)
                shift
                for operand in "$@"; do set_target "$operand"; done
                return 0
                ;;
            -h | --help) show_usage; exit 0 ;;
            -V | --version) show_version; exit 0 ;;
            -f | --force) opt_force=yes ;;
            -q | --quiet) opt_quiet=yes ;;
            --dry-run) opt_dry_run=yes ;;
            --check) opt_check=yes ;;
            --no-git) opt_no_git=yes ;;
            -n | --name) need_value "$1" $#; opt_name=$2 opt_name_given=yes; shift ;;
            --name=*) opt_name=${1#--name=} opt_name_given=yes ;;
            -n?*) opt_name=${1#-n} opt_name_given=yes ;;
            --python) need_value "$1" $#; opt_python=$2; shift ;;
            --python=*) opt_python=${1#--python=} ;;
            -[fqhV]?*)
                # -fq is -f -q: split off the first flag and parse both again.
                rest=${1#-?}
                first=${1%"$rest"}
                shift
                set -- "$first" "-$rest" "$@"
                continue
                ;;
            --?* | -?*) die_usage "unknown option '$1' (see $PROG --help)" ;;
            *) set_target "$1" ;;
        esac
        shift
    done
}

# lib/validate.sh: checks on NAME, X.Y and DIRECTORY, all made before anything
# is written. Character classes are spelled out: ranges such as [a-z] follow the
# locale in some shells.

ALNUM=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789

# A valid Python distribution name: letters, digits, '.', '_', '-', starting
# and ending with a letter or digit.
is_valid_name() { # NAME
    case $1 in
        '' | *[!"$ALNUM"._-]* | [._-]* | *[._-]) return 1 ;;
    esac
    return 0
}

# A proposal for --name: every other character becomes '-', runs of
# separators shrink to one, separators at either end are dropped.
normalise_name() { # TEXT; sets normalised
    normalised='' rest=$1
    while [ -n "$rest" ]; do
        char=${rest%"${rest#?}"}
        rest=${rest#?}
        case $char in
            [!"$ALNUM"._-]) char=- ;;
        esac
        case $normalised$char in
            *[._-][._-]) normalised=${normalised%?}- ;;
            *) normalised=$normalised$char ;;
        esac
    done
    while case $normalised in [._-]*) true ;; *) false ;; esac; do
        normalised=${normalised#?}
    done
    while case $normalised in *[._-]) true ;; *) false ;; esac; do
        normalised=${normalised%?}
    done
    [ -n "$normalised" ] || normalised=my-project
}

# PEP 503 normal form: lower case, each run of '.', '_', '-' one '-'. Valid as
# a Docker Compose project name and a Docker image name.
slug_of_name() { # VALID-NAME; sets project_slug
    project_slug='' rest=$1
    while [ -n "$rest" ]; do
        char=${rest%"${rest#?}"}
        rest=${rest#?}
        case $char in
            [ABCDEFGHIJKLMNOPQRSTUVWXYZ]) lower_char "$char"; char=$lowered ;;
            [._-]) char=- ;;
        esac
        case $project_slug$char in
            *--) ;;
            *) project_slug=$project_slug$char ;;
        esac
    done
}

lower_char() { # ONE-UPPER-CASE-LETTER; sets lowered
    upper=ABCDEFGHIJKLMNOPQRSTUVWXYZ lower=abcdefghijklmnopqrstuvwxyz
    while [ "${upper%"${upper#?}"}" != "$1" ]; do
        upper=${upper#?} lower=${lower#?}
    done
    lowered=${lower%"${lower#?}"}
}

# A CPython 3 minor version that still has maintained images: 3.10 or newer.
validate_python() { # X.Y
    case $1 in
        3.[123456789][0123456789]) ;;
        *) die_usage "invalid Python version '$1': give it as X.Y, 3.10 or newer (for example --python $DEFAULT_PYTHON)" ;;
    esac
}

validate_modes() {
    [ "$opt_check" = no ] || [ "$opt_dry_run" = no ] ||
        die_usage "--check and --dry-run cannot be combined"
    [ "$opt_check" = no ] || [ "$opt_force" = no ] ||
        die_usage "--check and --force cannot be combined"
}

# The project name: --name, or DIRECTORY's base name, which must then be valid.
validate_name() { # BASE-NAME-OF-DIRECTORY
    if [ "$opt_name_given" = yes ]; then
        is_valid_name "$opt_name" ||
            die_usage "invalid project name '$opt_name': use letters, digits, '.', '_' and '-', starting and ending with a letter or digit"
        project_name=$opt_name
        return 0
    fi
    if ! is_valid_name "$1"; then
        normalise_name "$1"
        die_usage "the directory name '$1' is not a valid project name; give one with --name, for example: --name $normalised"
    fi
    project_name=$1
}

strip_trailing_slashes() { # PATH; sets stripped
    stripped=$1
    while case $stripped in ?*/) true ;; *) false ;; esac; do
        stripped=${stripped%/}
    done
}

# DIRECTORY must be a directory or creatable as one. Sets target_exists and
# target_base (the base name the default project name comes from).
validate_target() { # PATH
    if [ -d "$1" ]; then
        target_exists=yes
        return 0
    fi
    path_exists "$1" && die_usage "'$1' exists and is not a directory"
    target_exists=no
    strip_trailing_slashes "$1"
    target_base=${stripped##*/}
    # Sets existing_ancestor: the nearest folder above that exists. Each
    # folder below it is one to create, and must be creatable.
    existing_ancestor=$stripped
    while :; do
        validate_new_folder "$1" "$existing_ancestor"
        case $existing_ancestor in
            */*) existing_ancestor=${existing_ancestor%/*} ;;
            *) existing_ancestor=. && return 0 ;;
        esac
        [ -n "$existing_ancestor" ] || existing_ancestor=/
        [ -d "$existing_ancestor" ] && return 0
        path_exists "$existing_ancestor" &&
            die_usage "cannot create '$1': '$existing_ancestor' is not a directory"
    done
}

# NAME_MAX of the common file systems (ext4, xfs, btrfs, NTFS, APFS).
NAME_MAX=255

# FOLDER does not exist: its last name must be one mkdir can create. "." and
# ".." of a missing folder cannot be followed (mkdir -p would create that
# folder too, outside DIRECTORY).
validate_new_folder() { # DIRECTORY FOLDER
    new_name=${2##*/}
    case $new_name in
        '.' | '..') die_usage "cannot create '$1': '$2' does not exist" ;;
    esac
    # Characters are at most 4 bytes: only a long name needs counting.
    [ "${#new_name}" -gt $((NAME_MAX / 4)) ] || return 0
    name_bytes=$(printf '%s' "$new_name" | wc -c)
    [ "${name_bytes##* }" -le "$NAME_MAX" ] ||
        die_usage "cannot create '$1': a folder name in it is longer than $NAME_MAX bytes"
}

# lib/render.sh: turning a template's quoted heredoc into the project's file.
# The placeholders, and only these, are replaced (README.md, "Customising"):
#   {{PROJECT_NAME}}    the project name (--name, or DIRECTORY's base name)
#   {{PROJECT_SLUG}}    the name in PEP 503 normal form: lower case, '-' between
#                       words; for Docker Compose project and image names
#   {{PYTHON_VERSION}}  X.Y from --python
# Every other byte comes out as it is in lib/template/.

substitute_line() { # LINE; sets line
    line_rest=$1 line=''
    while :; do
        case $line_rest in
            *'{{'*) ;;
            *) break ;;
        esac
        line=$line${line_rest%%'{{'*}
        line_rest=${line_rest#*'{{'}
        case $line_rest in
            'PROJECT_NAME}}'*) line=$line$project_name line_rest=${line_rest#'PROJECT_NAME}}'} ;;
            'PROJECT_SLUG}}'*) line=$line$project_slug line_rest=${line_rest#'PROJECT_SLUG}}'} ;;
            'PYTHON_VERSION}}'*) line=$line$opt_python line_rest=${line_rest#'PYTHON_VERSION}}'} ;;
            *) line=$line'{{' ;;
        esac
    done
    line=$line$line_rest
}

# Reads a template on stdin, writes the file on stdout with a single printf
# (mksh and posh have no printf builtin). Templates always end in a newline
# (lib/build.sh makes sure), so every line is read whole.
render() {
    rendered=''
    while IFS= read -r template_line; do
        case $template_line in
            *'{{'*) substitute_line "$template_line" ;;
            *) line=$template_line ;;
        esac
        rendered=$rendered$line$nl
    done
    printf '%s' "$rendered"
}

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

# lib/gitignore.sh: merging the template's entries into an existing .gitignore.
# The user's lines stay exactly as they are; entries they lack are appended
# under a marked comment block, so a rerun finds them and adds nothing.

GITIGNORE_MARK='# Added by ds_shell.sh: entries of the project template that were missing'

# Reads .gitignore; sets gitignore_lines (one line each, between newlines,
# without trailing blanks or carriage returns) and gitignore_ends_in_newline.
read_gitignore() {
    gitignore_lines=$nl gitignore_ends_in_newline=yes
    while IFS= read -r gitignore_line || {
        [ -n "$gitignore_line" ] && gitignore_ends_in_newline=no
    }; do
        strip_trailing_blanks "$gitignore_line"
        gitignore_lines=$gitignore_lines$stripped$nl
    done <.gitignore
}

strip_trailing_blanks() { # LINE; sets stripped
    stripped=$1
    while :; do
        case $stripped in
            *"$cr" | *' ' | *"$tab") stripped=${stripped%?} ;;
            *) return 0 ;;
        esac
    done
}

# Sets missing_entries: the template's patterns that .gitignore lacks.
find_missing_entries() {
    missing_entries=''
    for_each_line "$(template_body .gitignore)" note_if_missing_entry
}

note_if_missing_entry() { # LINE
    case $1 in
        '#'* | '') return 0 ;;
    esac
    case $gitignore_lines in
        *"$nl$1$nl"*) ;;
        *) missing_entries=$missing_entries$1$nl ;;
    esac
}

append_missing_entries() { # FILE
    {
        [ "$gitignore_ends_in_newline" = yes ] || printf '\n'
        printf '\n%s\n%s' "$GITIGNORE_MARK" "$missing_entries"
    } >>"$1"
}

# Stages a copy of .gitignore (mode and all) with the entries appended.
stage_merged_gitignore() {
    writing_path=.gitignore
    cp -p -- .gitignore "$STAGING/.gitignore" || die "cannot copy .gitignore to $STAGING/ (in $PWD)"
    append_missing_entries "$STAGING/.gitignore" || die "cannot write $STAGING/.gitignore (in $PWD)"
}

act_on_existing_gitignore() {
    if same_as_template .gitignore; then
        record_status identical .gitignore
        return 0
    fi
    cr=$(printf '\r')
    read_gitignore
    find_missing_entries
    if [ -z "$missing_entries" ]; then
        record_status kept .gitignore "has every entry"
        return 0
    fi
    plan_write .gitignore merge
    plan_move .gitignore
    count_lines "$missing_entries"
    record_status merged .gitignore "$line_count entries added"
}

count_lines() { # TEXT; sets line_count
    line_count=0 counted_rest=$1
    while [ -n "$counted_rest" ]; do
        counted_rest=${counted_rest#*"$nl"}
        line_count=$((line_count + 1))
    done
}

# lib/scaffold.sh: walking the template's entries, in steps: look at every
# path (a conflict stops the run before anything is written), settle what
# becomes of each path and plan the writes, check that the folders written
# into are writable, stage the writes, move them into place, then report each
# path. TEMPLATE_ENTRIES lists folders (ending in '/') and files, parents
# first.

for_each_entry() { # FUNCTION
    for_each_line "$TEMPLATE_ENTRIES" "$1"
}

# Folders that are symbolic links are left alone, and nothing is written
# below them: writing there would write into another place.
is_below_link() { # PATH
    [ -n "$linked_dirs" ] || return 1
    saved_ifs=$IFS
    IFS=$nl
    for linked_dir in $linked_dirs; do
        case $1 in
            "$linked_dir"*) IFS=$saved_ifs; return 0 ;;
        esac
    done
    IFS=$saved_ifs
    return 1
}

# Sets state: missing, dir, linked-dir, regular, symlink, skip or conflict (with
# conflict_reason).
inspect_dir() { # DIR
    if is_below_link "$1"; then
        state=skip
    elif [ -h "$1" ]; then
        if [ -d "$1" ]; then state=linked-dir; else
            state=conflict conflict_reason="a symbolic link that leads to no folder is where a folder belongs"
        fi
    elif [ -d "$1" ]; then
        state=dir
    elif path_exists "$1"; then
        state=conflict conflict_reason="a file is where a folder belongs"
    else
        state=missing
    fi
}

inspect_file() { # FILE
    if is_below_link "$1"; then
        state=skip
    elif [ -h "$1" ]; then
        state=symlink
    elif [ -d "$1" ]; then
        state=conflict conflict_reason="a folder is where a file belongs"
    elif [ -f "$1" ]; then
        if [ -r "$1" ]; then state=regular; else
            state=conflict conflict_reason="exists but cannot be read"
        fi
    elif path_exists "$1"; then
        state=conflict conflict_reason="exists and is not a regular file"
    else
        state=missing
    fi
}

inspect_entry() { # ENTRY
    if [ "$target_exists" = no ]; then
        state=missing
        return 0
    fi
    case $1 in
        */) inspect_dir "${1%/}" ;;
        *) inspect_file "$1" ;;
    esac
}

# Step 1: every conflict is reported; any conflict ends the run here. The
# missing paths are planned: a new folder is staged whole and moves in with
# one rename; a new file in an existing folder moves in by itself.
preflight_entry() { # ENTRY
    inspect_entry "$1"
    case $state in
        conflict)
            if [ "$opt_check" = yes ]; then
                counted_status conflict "$1" "$conflict_reason"
            else
                err "$1: $conflict_reason"
            fi
            n_conflict=$((n_conflict + 1))
            ;;
        linked-dir) linked_dirs=$linked_dirs$1$nl ;;
        missing) plan_missing "$1" ;;
    esac
}

plan_missing() { # ENTRY
    missing_path=${1%/}
    dir_of "$missing_path"
    case $nl$missing_dirs in
        *"$nl$parent_dir$nl"*) ;;
        *) plan_move "$missing_path" ;;
    esac
    case $1 in
        */)
            missing_dirs=$missing_dirs$missing_path$nl
            staging_dirs=$staging_dirs$missing_path$nl
            ;;
        *) [ "$parent_dir" = . ] || staging_dirs=$staging_dirs$parent_dir$nl ;;
    esac
}

preflight() {
    n_conflict=0 linked_dirs='' missing_dirs='' staging_dirs='' planned_moves=''
    for_each_entry preflight_entry
    [ "$opt_check" = no ] || return 0
    [ "$n_conflict" -eq 0 ] ||
        stop_before_writing "move the path(s) above out of the way, then run again"
}

stop_before_writing() { # WHAT-TO-DO
    [ "$writes" = yes ] || die "a real run would stop here without writing anything"
    die "nothing was written: $1"
}

# Step 2: settle what becomes of each path, and plan the writes; each path is
# reported in the last step, once it is in place.
settle_entry() { # ENTRY
    inspect_entry "$1"
    case $1 in
        */) settle_dir "${1%/}" ;;
        *) settle_file "$1" ;;
    esac
}

settle_dir() { # DIR
    case $state in
        missing) record_status create "$1/" ;;
        dir) record_status identical "$1/" ;;
        linked-dir) record_status kept "$1/" "symbolic link, not followed" ;;
    esac
}

settle_file() { # FILE
    case $state in
        missing)
            plan_write "$1" template
            record_status create "$1"
            ;;
        symlink) record_status kept "$1" "symbolic link, left alone" ;;
        regular) settle_existing_file "$1" ;;
    esac
}

same_as_template() { # FILE
    template_body "$1" 2>/dev/null | cmp -s - "$1"
}

settle_existing_file() { # FILE
    if [ "$1" = .gitignore ]; then
        act_on_existing_gitignore
    elif same_as_template "$1"; then
        record_status identical "$1"
    elif is_secret "$1"; then
        record_status kept "$1" "never replaced"
    elif [ "$opt_force" = yes ]; then
        plan_backup "$1"
        plan_replacement "$1"
        record_status replaced "$1" "old one in $backup_root/$1"
    else
        n_differs=$((n_differs + 1))
        record_status kept "$1" "differs from the template"
    fi
}

plan_replacement() { # FILE
    dir_of "$1"
    staging_dirs=$staging_dirs$parent_dir$nl
    plan_write "$1" template
    plan_move "$1"
}

# Each write, as "HOW<tab>PATH": template (the rendered template) or merge
# (.gitignore with the missing entries appended).
plan_write() { # PATH HOW
    planned_writes=$planned_writes$2$tab$1$nl
}

# Step 3, before anything is written: the folders made by this run are
# writable; those that exist may not be.
check_writable() {
    [ "$target_exists" = yes ] && [ -n "$planned_moves" ] || return 0
    report_unwritable_dirs
    [ "$n_unwritable" -eq 0 ] ||
        stop_before_writing "make the folder(s) above writable, then run again"
}

# Step 4: write every planned file into the staging folder; step 5 is
# finish_staging.
stage_planned_writes() {
    start_staging "$staging_dirs"
    for_each_line "$planned_writes" stage_planned_write
}

stage_planned_write() { # HOW<tab>PATH
    write_how=${1%%"$tab"*} write_path=${1#*"$tab"}
    case $write_how in
        template) stage_template "$write_path" ;;
        merge) stage_merged_gitignore ;;
    esac
}

# Status lines wait until the paths are in place; a run that fails before
# then reports the failure instead.
record_status() { # WORD PATH [DETAIL]
    recorded_statuses=$recorded_statuses$1$tab$2$tab${3-}$nl
}

report_statuses() {
    for_each_line "$recorded_statuses" report_recorded_status
}

report_recorded_status() { # WORD<tab>PATH<tab>DETAIL
    recorded_word=${1%%"$tab"*}
    recorded=${1#*"$tab"}
    recorded_path=${recorded%%"$tab"*} recorded_detail=${recorded#*"$tab"}
    counted_status "$recorded_word" "$recorded_path" "$recorded_detail"
}

# Status words as the mode has them: --check reports what is, not what it does.
counted_status() { # WORD PATH [DETAIL]
    status_word=$1
    if [ "$opt_check" = yes ]; then
        case $1 in
            create) status_word=missing ;;
            kept) status_word=differs ;;
            merged) status_word=incomplete ;;
        esac
    fi
    case $1 in
        create) n_create=$((n_create + 1)) ;;
        identical) n_identical=$((n_identical + 1)) ;;
        kept) n_kept=$((n_kept + 1)) ;;
        replaced) n_replaced=$((n_replaced + 1)) ;;
        merged) n_merged=$((n_merged + 1)) ;;
    esac
    say_status "$status_word" "$2" "${3-}"
}

scaffold_entries() {
    backup_root='' recorded_statuses='' planned_backups='' planned_writes=''
    preflight
    for_each_entry settle_entry
    [ "$opt_check" = yes ] || check_writable
    if [ "$writes" = yes ]; then
        remove_stale_staging
        if [ -n "$planned_moves" ]; then
            stage_planned_writes
            finish_staging
        fi
    fi
    report_statuses
}

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

# ---------------------------------------------------------------------------
# The project template, generated from lib/template/. Folders end in "/".
TEMPLATE_ENTRIES='
.gitattributes
.gitignore
.gitlab-ci.yml
Dockerfile
README.md
data/
data/.gitkeep
notebook-docker-compose.yml
notebooks/
notebooks/01_eda.ipynb
notebooks/02_data_imputation_model_build.ipynb
notebooks/03_data_preprocessing_final.ipynb
notebooks/04_model_training.ipynb
notebooks/workbench.ipynb
references/
references/.gitkeep
requirements.txt
src/
src/.dockerignore
src/Dockerfile
src/app/
src/app/.env
src/app/assets/
src/app/assets/models/
src/app/assets/models/current_models/
src/app/assets/models/current_models/.gitkeep
src/app/assets/models/data_preprocessing_models/
src/app/assets/models/data_preprocessing_models/.gitkeep
src/app/assets/models/deprecated_models/
src/app/assets/models/deprecated_models/.gitkeep
src/app/assets/models/test_models/
src/app/assets/models/test_models/.gitkeep
src/app/main.py
src/app/modules/
src/app/modules/__init__.py
src/app/modules/data_pre.py
src/app/modules/models.py
src/fastapi-docker-compose.yml
src/requirements.txt
src/setup.py
'

# The content of each file; render replaces the placeholders.
template_body() { # PATH
    case $1 in
    '.gitattributes')
        render <<'DS_SHELL_EOF'
# LF line endings in the repository and in every checkout, Windows included:
# shell scripts, Dockerfiles and .env files break with CRLF.
* text=auto eol=lf

# Models and data files are binary: no line-ending conversion, no text diffs.
*.joblib binary
*.pkl binary
*.pickle binary
*.parquet binary
*.xlsx binary
*.zip binary
DS_SHELL_EOF
        ;;
    '.gitignore')
        render <<'DS_SHELL_EOF'
# Secrets: src/app/.env holds the API's settings. .env.example may be shared.
.env
.env.*
!.env.example

# Python
__pycache__/
*.py[cod]
*.egg-info/
build/
dist/
.venv/
venv/
.pytest_cache/
.ruff_cache/

# Jupyter
.ipynb_checkpoints/

# Operating systems; *:Zone.Identifier files appear when Windows copies into WSL
.DS_Store
Thumbs.db
*:Zone.Identifier

# ds_shell.sh: backups of files that --force replaced, and interrupted writes
.ds_shell-backup/
.ds_shell-tmp/

# data/ and src/app/assets/models/ are kept in git on purpose: the API image
# gets its models from there. Ignore large files inside them one by one.
DS_SHELL_EOF
        ;;
    '.gitlab-ci.yml')
        render <<'DS_SHELL_EOF'
# GitLab CI/CD: builds the API image from src/ and pushes it to this project's
# container registry, on the default branch only.
#
# Kaniko, which this layout used to build in CI, was archived by Google in 2025
# and gets no more fixes. Buildah, maintained by the Podman project, builds the
# same Dockerfile with no Docker daemon and no privileged runner.
stages:
  - build

build-api-image:
  stage: build
  image: quay.io/buildah/stable:v1.44.0
  variables:
    STORAGE_DRIVER: vfs
    BUILDAH_FORMAT: docker
    BUILDAH_ISOLATION: chroot
    API_IMAGE: $CI_REGISTRY_IMAGE/api
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - echo "$CI_REGISTRY_PASSWORD" | buildah login --username "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"
    - buildah build --tag "$API_IMAGE:$CI_COMMIT_SHORT_SHA" --tag "$API_IMAGE:latest" src
    - buildah push "$API_IMAGE:$CI_COMMIT_SHORT_SHA"
    - buildah push "$API_IMAGE:latest"
DS_SHELL_EOF
        ;;
    'Dockerfile')
        render <<'DS_SHELL_EOF'
# The notebook image: Jupyter's maintained scipy-notebook image (pandas,
# scikit-learn, matplotlib and more) plus the libraries in requirements.txt.
# notebook-docker-compose.yml builds it; add a library there, then rebuild.
FROM quay.io/jupyter/scipy-notebook:python-{{PYTHON_VERSION}}

COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir -r /tmp/requirements.txt
DS_SHELL_EOF
        ;;
    'README.md')
        render <<'DS_SHELL_EOF'
# {{PROJECT_NAME}}

A machine-learning project laid out for both model development and deployment:
the notebooks and the API share one copy of the code in `src/app/modules`, and
the API image is built from `src/` with the models it serves.

## Layout

```
data/                       data sets; small ones are kept in git
notebooks/                  the work, in order:
  01_eda.ipynb                          exploratory data analysis
  02_data_imputation_model_build.ipynb  fits and saves the imputation model
  03_data_preprocessing_final.ipynb     applies the saved preprocessing
  04_model_training.ipynb               trains the model, saves it in test_models
  workbench.ipynb                       room for experiments
references/                 papers, data dictionaries, notes
src/                        the API; its image is built from here
  Dockerfile                the API image (python:{{PYTHON_VERSION}}-slim, no root process)
  fastapi-docker-compose.yml  the API in development, reloaded on every change
  requirements.txt          what the API and the modules need (setup.py reads it)
  setup.py                  pip install ./src makes "import modules" work anywhere
  app/
    main.py                 the FastAPI app: GET /health, POST /predict
    .env                    development settings; ignored by git and by the image
    modules/                code the notebooks and the API share
      models.py             the model folders; saving and loading models
      data_pre.py           data set loading, preprocessing, model input
    assets/models/
      test_models/                 new models, under evaluation
      current_models/              the model the API serves
      deprecated_models/           models that were replaced
      data_preprocessing_models/   fitted imputers, scalers, encoders, applied in name order
Dockerfile                  the notebook image (quay.io/jupyter/scipy-notebook)
notebook-docker-compose.yml Jupyter with the project mounted
requirements.txt            libraries the notebooks add to the notebook image
.gitlab-ci.yml              builds the API image and pushes it to the registry
```

## Model life cycle

1. `04_model_training.ipynb` saves a new model in `test_models`.
2. When it is good enough, move it to `current_models`: the API serves the
   last file there by name (or the one `CURRENT_MODEL` in `src/app/.env` names).
3. Move the model it replaces to `deprecated_models`, so that every model that
   was ever served stays at hand.

The preprocessing models in `data_preprocessing_models` are applied first, by
the notebooks and the API alike, so both see the same input.

## Quick start

Notebooks in Docker; open the `http://127.0.0.1:8888/lab?token=...` address it prints:

    docker compose -f notebook-docker-compose.yml up --build

Notebooks locally, without Docker:

    python -m venv .venv && . .venv/bin/activate
    pip install -r src/requirements.txt -r requirements.txt jupyterlab
    jupyter lab

The API in development, in Docker; then open http://localhost:8002/docs:

    docker compose -f src/fastapi-docker-compose.yml up --build

The API locally, without Docker (in the virtual environment above):

    pip install -r src/requirements.txt
    cd src/app && uvicorn main:app --reload

Ask it for predictions, one per record:

    curl -X POST http://localhost:8000/predict -H 'Content-Type: application/json' -d '[{"feature_1": 1.0}]'

The shared modules as a package, importable from any folder:

    pip install ./src

The API image, as CI builds it:

    docker build -t {{PROJECT_SLUG}}-api src
    docker run --rm -p 8002:80 {{PROJECT_SLUG}}-api

## Continuous integration

`.gitlab-ci.yml` builds the API image from `src/` and pushes it to the
project's GitLab container registry as `api:<commit>` and `api:latest`, on the
default branch. It builds with Buildah: Kaniko, which this layout used before,
was archived by Google in 2025 and gets no more fixes, while Buildah is
maintained and needs neither a Docker daemon nor a privileged runner.
DS_SHELL_EOF
        ;;
    'data/.gitkeep') ;; # an empty file
    'notebook-docker-compose.yml')
        render <<'DS_SHELL_EOF'
# Jupyter with this project mounted at /home/jovyan/work.
#   docker compose -f notebook-docker-compose.yml up --build
# then open the http://127.0.0.1:8888/lab?token=... address it prints.
name: {{PROJECT_SLUG}}-notebooks

services:
  notebook:
    build: .
    ports:
      - "8888:8888"
    volumes:
      - .:/home/jovyan/work
    working_dir: /home/jovyan/work
    environment:
      # The notebooks and the API share one copy of the modules in src/app.
      PYTHONPATH: /home/jovyan/work/src/app
DS_SHELL_EOF
        ;;
    'notebooks/01_eda.ipynb')
        render <<'DS_SHELL_EOF'
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "title",
   "metadata": {},
   "source": [
    "# {{PROJECT_NAME}}: Exploratory data analysis\n",
    "\n",
    "A first look at the data in `data/`: size, types, missing values and distributions. What it shows decides the imputation and preprocessing of the next notebooks."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "setup",
   "metadata": {},
   "outputs": [],
   "source": [
    "# Makes the shared modules in src/app importable, wherever Jupyter was started\n",
    "# in the project (the notebook's folder is the working directory).\n",
    "import sys\n",
    "from pathlib import Path\n",
    "\n",
    "here = Path.cwd().resolve()\n",
    "PROJECT_DIR = next(\n",
    "    (p for p in [here, *here.parents] if (p / \"src\" / \"app\" / \"modules\").is_dir()), None\n",
    ")\n",
    "if PROJECT_DIR is None:\n",
    "    raise RuntimeError(\"open this notebook inside the project: src/app/modules was not found\")\n",
    "if str(PROJECT_DIR / \"src\" / \"app\") not in sys.path:\n",
    "    sys.path.insert(0, str(PROJECT_DIR / \"src\" / \"app\"))\n",
    "\n",
    "from modules import data_pre"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-1",
   "metadata": {},
   "outputs": [],
   "source": [
    "dataset = data_pre.load_dataset(PROJECT_DIR / \"data\")\n",
    "if dataset is None:\n",
    "    print(f\"No data yet: put a .csv or .parquet file in {PROJECT_DIR / 'data'}, then run again.\")\n",
    "    frame = None\n",
    "else:\n",
    "    path, frame = dataset\n",
    "    print(f\"{path.name}: {frame.shape[0]} rows, {frame.shape[1]} columns\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-2",
   "metadata": {},
   "outputs": [],
   "source": [
    "from IPython.display import display\n",
    "\n",
    "if frame is not None:\n",
    "    display(frame.head())\n",
    "    display(frame.describe(include=\"all\").T)\n",
    "    print(\"Missing values per column:\")\n",
    "    print(frame.isna().sum().sort_values(ascending=False).to_string())"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
DS_SHELL_EOF
        ;;
    'notebooks/02_data_imputation_model_build.ipynb')
        render <<'DS_SHELL_EOF'
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "title",
   "metadata": {},
   "source": [
    "# {{PROJECT_NAME}}: Imputation model\n",
    "\n",
    "Fits the model that fills in missing values on the data in `data/`, and saves it in `src/app/assets/models/data_preprocessing_models`, so that the API imputes exactly as training did. The files there are applied in the order of their names."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "setup",
   "metadata": {},
   "outputs": [],
   "source": [
    "# Makes the shared modules in src/app importable, wherever Jupyter was started\n",
    "# in the project (the notebook's folder is the working directory).\n",
    "import sys\n",
    "from pathlib import Path\n",
    "\n",
    "here = Path.cwd().resolve()\n",
    "PROJECT_DIR = next(\n",
    "    (p for p in [here, *here.parents] if (p / \"src\" / \"app\" / \"modules\").is_dir()), None\n",
    ")\n",
    "if PROJECT_DIR is None:\n",
    "    raise RuntimeError(\"open this notebook inside the project: src/app/modules was not found\")\n",
    "if str(PROJECT_DIR / \"src\" / \"app\") not in sys.path:\n",
    "    sys.path.insert(0, str(PROJECT_DIR / \"src\" / \"app\"))\n",
    "\n",
    "from modules import data_pre, models"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-1",
   "metadata": {},
   "outputs": [],
   "source": [
    "dataset = data_pre.load_dataset(PROJECT_DIR / \"data\")\n",
    "if dataset is None:\n",
    "    print(f\"No data yet: put a .csv or .parquet file in {PROJECT_DIR / 'data'}, then run again.\")\n",
    "    frame = None\n",
    "else:\n",
    "    path, frame = dataset\n",
    "    print(f\"{path.name}: {frame.shape[0]} rows, {frame.shape[1]} columns\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-2",
   "metadata": {},
   "outputs": [],
   "source": [
    "TARGET = \"target\"  # the column to predict: never imputed, never a feature\n",
    "\n",
    "if frame is not None:\n",
    "    from sklearn.impute import SimpleImputer\n",
    "\n",
    "    numeric = frame.drop(columns=[TARGET], errors=\"ignore\").select_dtypes(\"number\")\n",
    "    imputer = SimpleImputer(strategy=\"median\").set_output(transform=\"pandas\").fit(numeric)\n",
    "    path = models.save_model(imputer, \"01_imputer.joblib\", kind=\"data_preprocessing\")\n",
    "    print(f\"Imputer for {list(numeric.columns)} saved in {path}\")"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
DS_SHELL_EOF
        ;;
    'notebooks/03_data_preprocessing_final.ipynb')
        render <<'DS_SHELL_EOF'
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "title",
   "metadata": {},
   "source": [
    "# {{PROJECT_NAME}}: Final preprocessing\n",
    "\n",
    "Applies the saved preprocessing models (`data_preprocessing_models`, in name order) to the data: the input the model is trained on. The API calls the same `data_pre.preprocess`."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "setup",
   "metadata": {},
   "outputs": [],
   "source": [
    "# Makes the shared modules in src/app importable, wherever Jupyter was started\n",
    "# in the project (the notebook's folder is the working directory).\n",
    "import sys\n",
    "from pathlib import Path\n",
    "\n",
    "here = Path.cwd().resolve()\n",
    "PROJECT_DIR = next(\n",
    "    (p for p in [here, *here.parents] if (p / \"src\" / \"app\" / \"modules\").is_dir()), None\n",
    ")\n",
    "if PROJECT_DIR is None:\n",
    "    raise RuntimeError(\"open this notebook inside the project: src/app/modules was not found\")\n",
    "if str(PROJECT_DIR / \"src\" / \"app\") not in sys.path:\n",
    "    sys.path.insert(0, str(PROJECT_DIR / \"src\" / \"app\"))\n",
    "\n",
    "from modules import data_pre, models"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-1",
   "metadata": {},
   "outputs": [],
   "source": [
    "dataset = data_pre.load_dataset(PROJECT_DIR / \"data\")\n",
    "if dataset is None:\n",
    "    print(f\"No data yet: put a .csv or .parquet file in {PROJECT_DIR / 'data'}, then run again.\")\n",
    "    frame = None\n",
    "else:\n",
    "    path, frame = dataset\n",
    "    print(f\"{path.name}: {frame.shape[0]} rows, {frame.shape[1]} columns\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-2",
   "metadata": {},
   "outputs": [],
   "source": [
    "from IPython.display import display\n",
    "\n",
    "print(\"Preprocessing models:\", \", \".join(models.list_models(\"data_preprocessing\")) or \"none yet\")\n",
    "if frame is not None:\n",
    "    prepared = data_pre.preprocess(frame)\n",
    "    display(prepared.head())\n",
    "    print(\"Missing values left:\", int(prepared.isna().sum().sum()))"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
DS_SHELL_EOF
        ;;
    'notebooks/04_model_training.ipynb')
        render <<'DS_SHELL_EOF'
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "title",
   "metadata": {},
   "source": [
    "# {{PROJECT_NAME}}: Model training\n",
    "\n",
    "Trains the model on the preprocessed data and saves it with joblib. A new model goes to `src/app/assets/models/test_models` first. Once it is good enough, move it to `current_models`, which the API serves, and move the model it replaces to `deprecated_models`."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "setup",
   "metadata": {},
   "outputs": [],
   "source": [
    "# Makes the shared modules in src/app importable, wherever Jupyter was started\n",
    "# in the project (the notebook's folder is the working directory).\n",
    "import sys\n",
    "from pathlib import Path\n",
    "\n",
    "here = Path.cwd().resolve()\n",
    "PROJECT_DIR = next(\n",
    "    (p for p in [here, *here.parents] if (p / \"src\" / \"app\" / \"modules\").is_dir()), None\n",
    ")\n",
    "if PROJECT_DIR is None:\n",
    "    raise RuntimeError(\"open this notebook inside the project: src/app/modules was not found\")\n",
    "if str(PROJECT_DIR / \"src\" / \"app\") not in sys.path:\n",
    "    sys.path.insert(0, str(PROJECT_DIR / \"src\" / \"app\"))\n",
    "\n",
    "from modules import data_pre, models"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-1",
   "metadata": {},
   "outputs": [],
   "source": [
    "dataset = data_pre.load_dataset(PROJECT_DIR / \"data\")\n",
    "if dataset is None:\n",
    "    print(f\"No data yet: put a .csv or .parquet file in {PROJECT_DIR / 'data'}, then run again.\")\n",
    "    frame = None\n",
    "else:\n",
    "    path, frame = dataset\n",
    "    print(f\"{path.name}: {frame.shape[0]} rows, {frame.shape[1]} columns\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-2",
   "metadata": {},
   "outputs": [],
   "source": [
    "TARGET = \"target\"  # the column to predict\n",
    "\n",
    "if frame is None or TARGET not in frame.columns:\n",
    "    print(f\"Nothing to train yet: the data needs a column {TARGET!r} (or set TARGET above).\")\n",
    "else:\n",
    "    from sklearn.ensemble import RandomForestClassifier\n",
    "    from sklearn.model_selection import train_test_split\n",
    "\n",
    "    features = data_pre.preprocess(frame.drop(columns=[TARGET])).select_dtypes(\"number\")\n",
    "    x_train, x_test, y_train, y_test = train_test_split(\n",
    "        features, frame[TARGET], test_size=0.25, random_state=0\n",
    "    )\n",
    "    model = RandomForestClassifier(n_estimators=100, random_state=0).fit(x_train, y_train)\n",
    "    print(f\"Accuracy on held-out data: {model.score(x_test, y_test):.3f}\")\n",
    "    path = models.save_model(model, \"model.joblib\", kind=\"test\")\n",
    "    print(f\"Saved in {path}: move it to current_models to serve it.\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-3",
   "metadata": {},
   "outputs": [],
   "source": [
    "for kind, names in models.all_models().items():\n",
    "    print(f\"{kind:>20}: {', '.join(names) or '-'}\")"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
DS_SHELL_EOF
        ;;
    'notebooks/workbench.ipynb')
        render <<'DS_SHELL_EOF'
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "title",
   "metadata": {},
   "source": [
    "# {{PROJECT_NAME}}: Workbench\n",
    "\n",
    "Room for quick experiments. Code that proves useful moves to `src/app/modules`, where the notebooks and the API share it."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "setup",
   "metadata": {},
   "outputs": [],
   "source": [
    "# Makes the shared modules in src/app importable, wherever Jupyter was started\n",
    "# in the project (the notebook's folder is the working directory).\n",
    "import sys\n",
    "from pathlib import Path\n",
    "\n",
    "here = Path.cwd().resolve()\n",
    "PROJECT_DIR = next(\n",
    "    (p for p in [here, *here.parents] if (p / \"src\" / \"app\" / \"modules\").is_dir()), None\n",
    ")\n",
    "if PROJECT_DIR is None:\n",
    "    raise RuntimeError(\"open this notebook inside the project: src/app/modules was not found\")\n",
    "if str(PROJECT_DIR / \"src\" / \"app\") not in sys.path:\n",
    "    sys.path.insert(0, str(PROJECT_DIR / \"src\" / \"app\"))\n",
    "\n",
    "from modules import data_pre, models"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-1",
   "metadata": {},
   "outputs": [],
   "source": [
    "dataset = data_pre.load_dataset(PROJECT_DIR / \"data\")\n",
    "if dataset is None:\n",
    "    print(f\"No data yet: put a .csv or .parquet file in {PROJECT_DIR / 'data'}, then run again.\")\n",
    "    frame = None\n",
    "else:\n",
    "    path, frame = dataset\n",
    "    print(f\"{path.name}: {frame.shape[0]} rows, {frame.shape[1]} columns\")"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "id": "step-2",
   "metadata": {},
   "outputs": [],
   "source": [
    "print(\"Models per folder:\", models.all_models())"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3 (ipykernel)",
   "language": "python",
   "name": "python3"
  },
  "language_info": {
   "name": "python"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
DS_SHELL_EOF
        ;;
    'references/.gitkeep') ;; # an empty file
    'requirements.txt')
        render <<'DS_SHELL_EOF'
# Libraries the notebooks need beyond those of quay.io/jupyter/scipy-notebook.
# Dockerfile installs them into the notebook image: add a line, then
#   docker compose -f notebook-docker-compose.yml up --build
joblib>=1.4
DS_SHELL_EOF
        ;;
    'src/.dockerignore')
        render <<'DS_SHELL_EOF'
# Kept out of the API image: secrets, caches and notebooks.
**/.env
**/.env.*
**/__pycache__
**/*.py[cod]
**/.ipynb_checkpoints
**/*.ipynb
**/.pytest_cache
.venv
venv
*.egg-info
build
dist
DS_SHELL_EOF
        ;;
    'src/Dockerfile')
        render <<'DS_SHELL_EOF'
# The API image, after FastAPI's guide "FastAPI in Containers - Docker":
# requirements first (a layer that is rebuilt only when they change), then
# the code. Build it from src/:  docker build -t {{PROJECT_SLUG}}-api src
FROM python:{{PYTHON_VERSION}}-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /code

COPY requirements.txt /code/requirements.txt
RUN pip install --no-cache-dir --upgrade -r /code/requirements.txt

COPY app /code/app

# No root process: the API runs as an unprivileged user.
RUN useradd --uid 10001 --user-group --no-create-home --no-log-init api
USER 10001

WORKDIR /code/app
EXPOSE 80
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "80"]
DS_SHELL_EOF
        ;;
    'src/app/.env')
        render <<'DS_SHELL_EOF'
# Settings for the API in development: src/fastapi-docker-compose.yml passes
# them to the container. git ignores this file: keep secrets here, never in code.
API_TITLE={{PROJECT_NAME}}
# The file in app/assets/models/current_models to serve; empty: the last by name.
CURRENT_MODEL=
DS_SHELL_EOF
        ;;
    'src/app/assets/models/current_models/.gitkeep') ;; # an empty file
    'src/app/assets/models/data_preprocessing_models/.gitkeep') ;; # an empty file
    'src/app/assets/models/deprecated_models/.gitkeep') ;; # an empty file
    'src/app/assets/models/test_models/.gitkeep') ;; # an empty file
    'src/app/main.py')
        render <<'DS_SHELL_EOF'
"""The {{PROJECT_NAME}} API: serves the model in assets/models/current_models.

Start it from src/app with:  uvicorn main:app --reload
GET /health     whether a model is served, and the models each folder holds
POST /predict   a JSON list of records (objects of feature values); answers
                one prediction per record, and the name of the model
Settings come from the environment (in development, from app/.env):
API_TITLE is the title of the docs page; CURRENT_MODEL names the file in
current_models to serve (default: the last one by name).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from modules import data_pre, models
from pydantic import BaseModel

logger = logging.getLogger("uvicorn.error")

Records = Annotated[
    list[dict[str, Any]],
    Body(min_length=1, examples=[[{"feature_1": 1.0, "feature_2": 0.5}]]),
]

NO_MODEL = {
    "error": "no model is being served",
    "detail": (
        "save a trained model in src/app/assets/models/current_models "
        "(notebooks/04_model_training.ipynb shows how), then restart the API"
    ),
}


class Predictions(BaseModel):
    model: str
    predictions: list[Any]


def load_current_model(app: FastAPI) -> None:
    """Loads the current model and the preprocessing, once, at start-up."""
    app.state.model = None
    app.state.model_name = None
    app.state.preprocessing = []
    try:
        path = models.model_path("current", os.environ.get("CURRENT_MODEL") or None)
    except models.NoModelError as error:
        logger.warning("%s", error)
        return
    app.state.model = models.load_model("current", path.name)
    app.state.model_name = path.name
    app.state.preprocessing = data_pre.load_preprocessing()
    logger.info("serving %s", path)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    load_current_model(app)
    yield


app = FastAPI(title=os.environ.get("API_TITLE") or "{{PROJECT_NAME}}", lifespan=lifespan)


@app.get("/health")
def health() -> dict[str, Any]:
    """Whether a model is served, and the model files of every folder."""
    return {"status": "ok", "model": app.state.model_name, "models": models.all_models()}


@app.post(
    "/predict",
    response_model=Predictions,
    responses={503: {"description": "No model is being served", "content": {"application/json": {"example": NO_MODEL}}}},
)
def predict(records: Records) -> Any:
    """The current model's prediction for each record."""
    model = app.state.model
    if model is None:
        return JSONResponse(status_code=503, content=NO_MODEL)
    try:
        frame = data_pre.preprocess(data_pre.records_to_frame(records), app.state.preprocessing)
        predictions = model.predict(data_pre.select_features(frame, model))
    except (KeyError, TypeError, ValueError) as error:
        raise HTTPException(status_code=422, detail=f"the records do not fit the model: {error}") from error
    return {"model": app.state.model_name, "predictions": predictions.tolist()}
DS_SHELL_EOF
        ;;
    'src/app/modules/__init__.py')
        render <<'DS_SHELL_EOF'
"""Code shared by the notebooks and the API of {{PROJECT_NAME}}.

models    the model folders in app/assets/models, and loading models from them
data_pre  turning records into the model's input, with the saved preprocessing
"""
DS_SHELL_EOF
        ;;
    'src/app/modules/data_pre.py')
        render <<'DS_SHELL_EOF'
"""Preparing data for the model: the notebooks and the API call the same code.

load_dataset    the first data set in data/, or None while there is none
records_to_frame    request records (a list of dicts) as a DataFrame
preprocess      applies the fitted preprocessing models saved in
                assets/models/data_preprocessing_models, in the order of
                their names (for example 01_imputer.joblib, 02_scaler.joblib)
select_features the columns a fitted model was trained on, in its order
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import models

DATA_DIR = models.APP_DIR.parent.parent / "data"
DATA_SUFFIXES = (".csv", ".parquet")


def load_dataset(data_dir: Path = DATA_DIR) -> tuple[Path, pd.DataFrame] | None:
    """The first .csv or .parquet file in DATA_DIR by name, read; None if there is none."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None
    paths = sorted(p for p in data_dir.iterdir() if p.suffix in DATA_SUFFIXES)
    if not paths:
        return None
    path = paths[0]
    frame = pd.read_csv(path) if path.suffix == ".csv" else pd.read_parquet(path)
    return path, frame


def records_to_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per record, one column per key; JSON null becomes NaN, which
    imputers and models take for a missing value."""
    frame = pd.DataFrame.from_records(list(records))
    return frame.mask(frame.isna(), np.nan).infer_objects()


def require_columns(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Exactly COLUMNS, in that order; a clear error names the missing ones."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"the data lacks the column(s): {', '.join(map(str, missing))}")
    return frame.loc[:, list(columns)]


def load_preprocessing() -> list[Any]:
    """The fitted preprocessing models, in the order of their file names."""
    return [
        models.load_model("data_preprocessing", name)
        for name in models.list_models("data_preprocessing")
    ]


def apply_step(step: Any, frame: pd.DataFrame) -> pd.DataFrame:
    """Transforms the columns STEP was fitted on and keeps the others."""
    names = getattr(step, "feature_names_in_", None)
    subset = frame if names is None else require_columns(frame, list(names))
    transformed = step.transform(subset)
    if not isinstance(transformed, pd.DataFrame):
        transformed = pd.DataFrame(
            transformed, columns=step.get_feature_names_out(), index=frame.index
        )
    if names is None:
        return transformed
    return pd.concat([frame.drop(columns=list(names)), transformed], axis=1)


def preprocess(frame: pd.DataFrame, steps: Sequence[Any] | None = None) -> pd.DataFrame:
    """Applies each step in turn; STEPS default to the saved preprocessing models."""
    if steps is None:
        steps = load_preprocessing()
    for step in steps:
        frame = apply_step(step, frame)
    return frame


def select_features(frame: pd.DataFrame, model: Any) -> pd.DataFrame:
    """The columns MODEL was fitted on, in its order (all of FRAME if it does not say)."""
    names = getattr(model, "feature_names_in_", None)
    return frame if names is None else require_columns(frame, list(names))
DS_SHELL_EOF
        ;;
    'src/app/modules/models.py')
        render <<'DS_SHELL_EOF'
"""The model folders of the project, and saving and loading models in them.

Paths are resolved from this file's location, never from the working
directory: notebooks, tests, uvicorn and the container all start elsewhere.

Life cycle: a newly trained model is saved in test_models; once it is good
enough it moves to current_models, which the API serves; the model it
replaces moves to deprecated_models. data_preprocessing_models holds the
fitted imputers, scalers and encoders that prepare the model's input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib

APP_DIR = Path(__file__).resolve().parent.parent
MODELS_DIR = APP_DIR / "assets" / "models"

FOLDERS = {
    "current": MODELS_DIR / "current_models",
    "test": MODELS_DIR / "test_models",
    "deprecated": MODELS_DIR / "deprecated_models",
    "data_preprocessing": MODELS_DIR / "data_preprocessing_models",
}

MODEL_SUFFIXES = (".joblib", ".pkl", ".pickle")


class NoModelError(LookupError):
    """A model folder holds no model file."""


def folder(kind: str) -> Path:
    """The folder of one kind of model: current, test, deprecated or data_preprocessing."""
    try:
        return FOLDERS[kind]
    except KeyError:
        raise ValueError(f"unknown model folder {kind!r}: use one of {sorted(FOLDERS)}") from None


def list_models(kind: str) -> list[str]:
    """The model files in a folder, by name."""
    path = folder(kind)
    if not path.is_dir():
        return []
    return sorted(p.name for p in path.iterdir() if p.is_file() and p.suffix in MODEL_SUFFIXES)


def all_models() -> dict[str, list[str]]:
    """The model files of every folder."""
    return {kind: list_models(kind) for kind in FOLDERS}


def model_path(kind: str = "current", name: str | None = None) -> Path:
    """The path of model NAME, or of the last one by name (name files so that the newest sorts last)."""
    names = list_models(kind)
    if not names:
        raise NoModelError(
            f"no model in {folder(kind)}: save one there with "
            f"modules.models.save_model(model, 'name.joblib', kind={kind!r})"
        )
    if name is None:
        name = names[-1]
    elif name not in names:
        raise NoModelError(f"no model {name!r} in {folder(kind)}; there are: {', '.join(names)}")
    return folder(kind) / name


def load_model(kind: str = "current", name: str | None = None) -> Any:
    """Loads a model saved with joblib."""
    return joblib.load(model_path(kind, name))


def save_model(model: Any, name: str, kind: str = "test") -> Path:
    """Saves MODEL with joblib as NAME in a model folder and returns its path."""
    if Path(name).suffix not in MODEL_SUFFIXES:
        name += ".joblib"
    path = folder(kind) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path
DS_SHELL_EOF
        ;;
    'src/fastapi-docker-compose.yml')
        render <<'DS_SHELL_EOF'
# The API in development: code mounted from app/, reloaded on every change.
#   docker compose -f src/fastapi-docker-compose.yml up --build
# then open http://localhost:8002/docs
name: {{PROJECT_SLUG}}-api

services:
  api:
    build: .
    command: ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "80", "--reload"]
    ports:
      - "8002:80"
    env_file:
      - app/.env
    volumes:
      - ./app:/code/app
DS_SHELL_EOF
        ;;
    'src/requirements.txt')
        render <<'DS_SHELL_EOF'
# What the API and the shared modules in app/modules need. setup.py reads this
# file too, so the list lives in one place.
fastapi>=0.115
uvicorn[standard]>=0.30
scikit-learn>=1.5
pandas>=2.2
joblib>=1.4
DS_SHELL_EOF
        ;;
    'src/setup.py')
        render <<'DS_SHELL_EOF'
"""Installs the shared modules (app/modules) as the package "modules".

pip install ./src   makes "import modules" work from any folder.
The requirements are read from requirements.txt, so they live in one place.
"""

from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def read_requirements():
    lines = (HERE / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


setup(
    name="{{PROJECT_NAME}}",
    version="0.1.0",
    description="Shared modules of the {{PROJECT_NAME}} model and API",
    package_dir={"": "app"},
    packages=["modules"],
    install_requires=read_requirements(),
    python_requires=">=3.10",
)
DS_SHELL_EOF
        ;;
    esac
}

# Nothing above has run yet; this line runs it. A copy cut short
# anywhere before its closing brace ends in a syntax error instead.
{ main "$@"; }
