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
