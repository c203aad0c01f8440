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
