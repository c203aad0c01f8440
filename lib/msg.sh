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
