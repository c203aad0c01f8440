#!/bin/sh
# lib/build.sh: builds ds_shell.sh from the shell modules in lib/ and the
# project template in lib/template/. Run by make; deterministic: the same
# sources give the same bytes.
#
#   sh lib/build.sh OUTPUT [TEMPLATE_DIR]
#
# Each template file becomes one quoted heredoc, so every byte comes out as
# it is, but for the placeholders listed in lib/render.sh. Names in
# lib/template/ that start with "dot-" become names that start with "."
# (dot-gitignore is .gitignore): this repository's own git then never acts
# on the template's .gitignore or .gitattributes.

set -eu
LC_ALL=C
export LC_ALL

PLACEHOLDERS='PROJECT_NAME PROJECT_SLUG PYTHON_VERSION'

fail() {
    printf 'lib/build.sh: error: %s\n' "$*" >&2
    exit 1
}

check_template_file() { # FILE RELATIVE-PATH
    case $2 in
        *[!abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-]*)
            fail "$2: template paths may hold only letters, digits, '.', '_', '-' and '/'" ;;
    esac
    [ ! -x "$1" ] || fail "$2: executable templates are not supported"
    if [ -s "$1" ] && [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" != '\n' ]; then
        fail "$2: a template must end with a newline"
    fi
    [ "$(tr -d '\000' <"$1" | wc -c)" -eq "$(wc -c <"$1")" ] || fail "$2: a template cannot hold NUL bytes"
    unknown=$(grep -o '{{[A-Z_][A-Z_]*}}' "$1" | tr -d '{}' | sort -u | while read -r name; do
        case " $PLACEHOLDERS " in *" $name "*) ;; *) printf '%s ' "$name" ;; esac
    done)
    [ -z "$unknown" ] || fail "$2: unknown placeholder(s): $unknown(known: $PLACEHOLDERS)"
}

# A delimiter that is no line of the file.
delimiter_for() { # FILE
    delimiter=DS_SHELL_EOF n=0
    while grep -qx "$delimiter" "$1"; do
        n=$((n + 1))
        delimiter=DS_SHELL_EOF_$n
    done
}

emit_header() {
    version=$(sed -n 's/^VERSION=//p' lib/settings.sh)
    printf '%s\n' '#!/bin/sh' \
        "# ds_shell.sh $version: lays out a machine-learning project repository (data,"
    cat <<'HEADER'
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
HEADER
}

emit_modules() {
    for module in settings msg cli validate render fsutil gitignore scaffold main; do
        printf '\n'
        cat "lib/$module.sh"
    done
}

# One line per entry: the output path, a tab, the path in TEMPLATE-DIR
# ("-" for folders), sorted by output path.
list_entries() { # TEMPLATE-DIR
    (
        cd "$1"
        find . -type d | sed -e '/^\.$/d' -e 's,^\./,,' -e 's,$,/,' | map_dot_names -
        find . -type f | sed -e 's,^\./,,' | map_dot_names
    ) | sort
}

# Each line becomes "OUTPUT-PATH<tab>LINE" (or "OUTPUT-PATH<tab>-" with -).
map_dot_names() { # [-]
    if [ "${1-}" = - ]; then
        sed -e 's,^dot-,.,' -e 's,/dot-,/.,g' -e "s,\$,$tab-,"
    else
        sed -e 'h' -e 's,^dot-,.,' -e 's,/dot-,/.,g' -e 'G' -e "s,\n,$tab,"
    fi
}

check_template() { # TEMPLATE-DIR ENTRIES
    for entry in $2; do
        rel=${entry#*"$tab"}
        [ "$rel" = - ] || check_template_file "$1/$rel" "$rel"
    done
    check_no_case_twins "$2"
}

# Windows and macOS file systems ignore letter case: two paths that differ
# only by case would be one there.
check_no_case_twins() { # ENTRIES
    twins=$(printf '%s\n' "$1" | sed "s,$tab.*,," | tr 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' 'abcdefghijklmnopqrstuvwxyz' | sort | uniq -d)
    [ -z "$twins" ] || fail "paths that differ only by letter case: $twins"
}

emit_template() { # TEMPLATE-DIR ENTRIES
    printf '\n%s\n' '# ---------------------------------------------------------------------------'
    printf '%s\n' '# The project template, generated from lib/template/. Folders end in "/".'
    printf '%s\n' "TEMPLATE_ENTRIES='"
    for entry in $2; do
        out=${entry%%"$tab"*}
        printf '%s\n' "$out"
    done
    printf "'\n\n"
    printf '%s\n' '# The content of each file; render replaces the placeholders.'
    printf '%s\n' 'template_body() { # PATH' "    case \$1 in"
    for entry in $2; do
        rel=${entry#*"$tab"}
        out=${entry%%"$tab"*}
        [ "$rel" = - ] || emit_template_file "$1/$rel" "$out"
    done
    printf '%s\n' '    esac' '}'
}

emit_template_file() { # FILE OUTPUT-PATH
    if [ ! -s "$1" ]; then
        printf "    '%s') ;; # an empty file\n" "$2"
        return 0
    fi
    delimiter_for "$1"
    printf "    '%s')\n        render <<'%s'\n" "$2" "$delimiter"
    cat "$1"
    printf '%s\n        ;;\n' "$delimiter"
}

main() {
    [ $# -ge 1 ] || fail "usage: sh lib/build.sh OUTPUT [TEMPLATE_DIR]"
    output=$1
    template_dir=${2:-lib/template}
    [ -d "$template_dir" ] || fail "no template folder at $template_dir"
    tab=$(printf '\t')
    set -f
    IFS='
'
    entries=$(list_entries "$template_dir")
    check_template "$template_dir" "$entries"
    temp=$output.build-tmp
    trap 'rm -f "$temp"' EXIT
    {
        emit_header
        emit_modules
        emit_template "$template_dir" "$entries"
        printf '\n%s\n%s\n' '# Nothing above has run yet; this line runs it. A copy cut short' \
            '# anywhere before its closing brace ends in a syntax error instead.'
        printf '%s\n' '{ main "$@"; }'
    } >"$temp"
    chmod 755 "$temp"
    mv -f "$temp" "$output"
    trap - EXIT
}

main "$@"
