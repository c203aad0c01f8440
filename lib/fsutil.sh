# lib/fsutil.sh: writing so that nothing is lost or half-written.
# Each file is rendered into a temporary file beside it and renamed into
# place; a rename is atomic, so the file is either absent or complete.
# The temporary file's name is fixed per file, so a rerun after a kill finds
# and removes what an earlier run left.

path_exists() { # PATH (a dangling symbolic link exists too)
    [ -e "$1" ] || [ -h "$1" ]
}

dir_of() { # PATH; sets parent_dir
    case $1 in
        */*) parent_dir=${1%/*} ;;
        *) parent_dir=. ;;
    esac
}

temp_path_for() { # PATH; sets temp_path
    case $1 in
        */*) temp_path=${1%/*}/.${1##*/}.ds_shell-tmp ;;
        *) temp_path=.$1.ds_shell-tmp ;;
    esac
}

remove_stale_temp() { # PATH
    temp_path_for "$1"
    path_exists "$temp_path" || return 0
    rm -f -- "$temp_path" || die "cannot remove the leftover temporary file $temp_path"
}

remove_current_temp() {
    [ -n "$current_tmp" ] || return 0
    rm -f -- "$current_tmp"
    current_tmp=''
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

# The temporary file is created with noclobber, so it never follows a link
# someone put in its place.
render_to_temp() { # PATH
    set -C
    if is_secret "$1"; then
        (umask 077 && template_body "$1" >"$temp_path")
    else
        template_body "$1" >"$temp_path"
    fi
    render_status=$?
    set +C
    [ "$render_status" -eq 0 ] || die "cannot write $1 (in $PWD)"
}

restrict_to_owner() { # TEMP PATH
    chmod 600 "$1" 2>/dev/null
    mode=$(ls -ld -- "$1" 2>/dev/null)
    case $mode in
        -rw-------*) ;;
        *) warn "could not make $2 readable by its owner only (is this a Windows-mounted folder?); keep real secrets out of it, or work inside the Linux file system" ;;
    esac
}

install_template() { # PATH
    remove_stale_temp "$1"
    current_tmp=$temp_path
    render_to_temp "$1"
    is_secret "$1" && restrict_to_owner "$temp_path" "$1"
    give_to_owner "$temp_path"
    mv -f -- "$temp_path" "$1" || die "cannot move $temp_path to $1 (in $PWD)"
    current_tmp=''
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

backup_file() { # PATH
    choose_backup_root
    dir_of "$1"
    mkdir -p -- "$backup_root/$parent_dir" || die "cannot create $backup_root/$parent_dir (in $PWD)"
    cp -p -- "$1" "$backup_root/$1" || die "cannot back up $1 to $backup_root/$1 (in $PWD)"
    give_to_owner -R .ds_shell-backup
}
