# lib/scaffold.sh: walking the template's entries, in three steps: look at
# every path first (a conflict stops the run before anything is written),
# make the missing folders in one go, then settle each path and report it.
# TEMPLATE_ENTRIES lists folders (ending in '/') and files, parents first.

for_each_entry() { # FUNCTION
    saved_ifs=$IFS
    IFS=$nl
    for entry in $TEMPLATE_ENTRIES; do
        IFS=$saved_ifs
        "$1" "$entry"
    done
    IFS=$saved_ifs
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

# Step 1: every conflict is reported; any conflict ends the run here.
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
        missing) case $1 in */) missing_dirs=$missing_dirs${1%/}$nl ;; esac ;;
    esac
}

preflight() {
    n_conflict=0 linked_dirs='' missing_dirs=''
    for_each_entry preflight_entry
    [ "$n_conflict" -eq 0 ] && return 0
    [ "$opt_check" = yes ] && return 0
    if [ "$writes" = yes ]; then
        die "nothing was written: move the path(s) above out of the way, then run again"
    fi
    die "a real run would stop here without writing anything"
}

# Step 2: all missing folders with one mkdir (process starts are slow on WSL).
make_missing_dirs() {
    [ -n "$missing_dirs" ] || return 0
    saved_ifs=$IFS
    IFS=$nl
    # Word splitting on newlines is wanted here: template paths hold no
    # blanks or glob characters (lib/build.sh makes sure).
    # shellcheck disable=SC2086
    set -- $missing_dirs
    IFS=$saved_ifs
    mkdir -- "$@" || die "cannot create the folders of the project (in $PWD)"
    give_to_owner "$@"
}

# Step 3.
settle_entry() { # ENTRY
    inspect_entry "$1"
    case $1 in
        */) settle_dir "${1%/}" ;;
        *) settle_file "$1" ;;
    esac
}

settle_dir() { # DIR
    case $state in
        missing) counted_status create "$1/" ;;
        dir)
            case $nl$missing_dirs in
                *"$nl$1$nl"*) counted_status create "$1/" ;;
                *) counted_status identical "$1/" ;;
            esac
            ;;
        linked-dir) counted_status kept "$1/" "symbolic link, not followed" ;;
    esac
}

settle_file() { # FILE
    case $state in
        missing)
            [ "$writes" = yes ] && install_template "$1"
            counted_status create "$1"
            ;;
        symlink) counted_status kept "$1" "symbolic link, left alone" ;;
        regular) settle_existing_file "$1" ;;
    esac
}

same_as_template() { # FILE
    template_body "$1" 2>/dev/null | cmp -s - "$1"
}

settle_existing_file() { # FILE
    [ "$writes" = yes ] && remove_stale_temp "$1"
    if [ "$1" = .gitignore ]; then
        act_on_existing_gitignore
    elif same_as_template "$1"; then
        counted_status identical "$1"
    elif is_secret "$1"; then
        counted_status kept "$1" "never replaced"
    elif [ "$opt_force" = yes ]; then
        choose_backup_root
        if [ "$writes" = yes ]; then
            backup_file "$1"
            install_template "$1"
        fi
        counted_status replaced "$1" "old one in $backup_root/$1"
    else
        n_differs=$((n_differs + 1))
        counted_status kept "$1" "differs from the template"
    fi
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
    backup_root=''
    preflight
    [ "$writes" = yes ] && make_missing_dirs
    for_each_entry settle_entry
}
