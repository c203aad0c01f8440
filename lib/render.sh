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
