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
