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
