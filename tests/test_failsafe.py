"""The suite can fail: each broken build below must turn a named test red.

In the spirit of bats-core's failsafe job. Each case breaks one promise in a
copy of ds_shell.sh and runs the test that guards it against that copy.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import COMMITTED_SCRIPT, REPO

MUTANTS = {
    "interrupt leaves the staging folder": (
        "on_signal() { # EXIT-STATUS\n    remove_staging\n",
        "on_signal() { # EXIT-STATUS\n    staging_active=no\n",
        "test_faults.py::test_interrupt_before_and_after_each_external_command",
    ),
    "a rerun makes a staging folder": (
        '        if [ -n "$planned_moves" ]; then\n            stage_planned_writes\n',
        '        if true; then\n            stage_planned_writes\n',
        "test_safety.py::test_no_staging_folder_is_made_when_nothing_is_missing",
    ),
    "folders not checked for writing": (
        '    [ "$opt_check" = yes ] || check_writable\n',
        "",
        "test_faults.py::test_a_read_only_folder_inside_the_project_stops_before_anything_moves_in",
    ),
    "SIGXFSZ not caught": (
        "    trap on_file_too_large XFSZ\n",
        "",
        "test_faults.py::test_a_file_size_limit_fails_naming_the_file_and_leaves_nothing_half_written",
    ),
    "here-document files of the shell left in TMPDIR": (
        "    keep_shell_temp_files_in_staging\n}\n",
        "}\n",
        "test_faults.py::test_after_sigkill_a_rerun_completes_and_leaves_no_temporary_file",
        "mksh",
    ),
    "a utility outside POSIX": (
        '    mode=$(ls -ld -- "$1" 2>/dev/null)\n',
        '    mode=$(stat -c %A -- "$1" 2>/dev/null)\n',
        "test_tools.py::test_only_posix_utilities_and_git_are_run",
    ),
    "a process per file": (
        "    printf '%s' \"$rendered\"\n",
        "    printf '%s' \"$rendered\" | cat\n",
        "test_tools.py::test_a_new_project_starts_few_processes",
    ),
    "'..' of a missing folder followed": (
        "        '.' | '..') die_usage \"cannot create '$1': '$2' does not exist\" ;;\n",
        "",
        "cli.bats:DIRECTORY that goes through . or .. of a missing folder is a usage error",
    ),
    "a folder name over 255 bytes accepted": (
        '    [ "${#new_name}" -gt $((NAME_MAX / 4)) ] || return 0\n',
        "    return 0\n",
        "cli.bats:a folder name longer than 255 bytes is a usage error",
    ),
    "--help changed without its snapshot": (
        '"  -q, --quiet        print errors only"',
        '"  -q, --quiet        print nothing"',
        "cli.bats:--help is exactly the documented usage",
    ),
    "a staged file moved in before it is complete": (
        '    if ! template_body "$1" >"$STAGING/$1"; then\n',
        '    if ! template_body "$1" >"$1"; then\n',
        "test_tree.py::test_every_file_is_the_rendered_template",
    ),
    ".env replaced by --force": (
        '    elif is_secret "$1"; then\n        record_status kept "$1" "never replaced"\n',
        "",
        "test_safety.py::test_env_is_never_replaced_even_with_force",
    ),
    "no CRLF guard": (
        "case $ds_shell_cr in ?*)",
        "case $ds_shell_cr in x?*)",
        "test_faults.py::test_a_crlf_copy_stops_with_a_message_and_writes_nothing",
    ),
    "main called bare on the last line": (
        '{ main "$@"; }\n',
        'main "$@"\n',
        "test_faults.py::test_a_truncated_copy_runs_nothing",
    ),
    "no chown under sudo": (
        'give_to_owner() { # [-R] PATH...\n',
        'give_to_owner() { # [-R] PATH...\n    return 0\n',
        "test_faults.py::test_under_sudo_everything_belongs_to_the_user",
    ),
    ".gitignore entries appended on every run": (
        '        *"$nl$1$nl"*) ;;\n',
        "",
        "test_safety.py::test_existing_gitignore_is_merged_and_a_rerun_adds_nothing",
    ),
    "identical files rewritten": (
        '    elif same_as_template "$1"; then\n        record_status identical "$1"\n',
        "",
        "test_safety.py::test_rerun_changes_nothing",
    ),
    "NO_COLOR ignored": (
        '    [ -z "${NO_COLOR-}" ] || return 1\n',
        "",
        "test_output.py::test_no_colour_with_no_color_or_a_dumb_terminal",
    ),
    "a byte of a template changed": (
        "    PYTHONUNBUFFERED=1\n",
        "    PYTHONUNBUFFERED=0\n",
        "test_tree.py::test_every_file_is_the_rendered_template",
    ),
    "the API answers 200 without a model": (
        "        return JSONResponse(status_code=503, content=NO_MODEL)\n",
        "        return JSONResponse(status_code=200, content=NO_MODEL)\n",
        "test_generated_project.py::test_predict_without_a_model_answers_503_and_says_what_to_do",
    ),
    "a lint error in the generated Python": (
        "import logging\nimport os\n",
        "import logging\nimport os\nimport sys\n",
        "test_generated_project.py::test_generated_python_passes_ruff",
    ),
    "the API image runs as a named user": (
        "USER 10001\n",
        "USER api\n",
        "test_generated_project.py::test_dockerfile_passes_hadolint_with_no_rule_ignored",
    ),
    ".env no longer ignored by git": (
        "# Secrets: src/app/.env holds the API's settings. .env.example may be shared.\n.env\n",
        "# Secrets: src/app/.env holds the API's settings. .env.example may be shared.\n",
        "test_generated_project.py::test_git_ignores_secrets_and_caches_but_keeps_data_models_and_gitkeeps",
    ),
    "a notebook that fails without data": (
        r'"    print(f\"Nothing to train yet: the data needs a column {TARGET!r} (or set TARGET above).\")\n"',
        r'"    raise SystemExit(\"no data\")\n"',
        "test_generated_project.py::test_notebook_runs_on_a_fresh_project_and_says_where_the_data_goes",
    ),
    "--python not checked": (
        '    validate_python "$opt_python"\n',
        "",
        "cli.bats:an invalid --python is a usage error",
    ),
    "an option parsed wrongly": (
        "            -n?*) opt_name=${1#-n} opt_name_given=yes ;;\n",
        "            -n?*) opt_name=${1#-} opt_name_given=yes ;;\n",
        "cli.bats:short options combine and take their value attached or apart",
    ),
}


@pytest.mark.parametrize("name", MUTANTS)
def test_a_broken_build_fails_its_test(tmp_path, name):
    old, new, test, *shells = MUTANTS[name]
    script = COMMITTED_SCRIPT.read_text()
    assert script.count(old) == 1, f"the mutation of {name!r} no longer applies: update it"
    mutant = tmp_path / "ds_shell.sh"
    mutant.write_text(script.replace(old, new))
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        "DS_SHELL_SCRIPT": str(mutant),
        "DS_SHELL_TEST_SHELLS": shells[0] if shells else "dash",
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
    }
    if test.startswith("cli.bats:"):
        command = ["bats", "-f", test.split(":", 1)[1], "tests/cli.bats"]
        failed = "not ok 1"
    else:
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", f"tests/{test}"]
        failed = " failed"
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, f"{test} passed against a build with {name!r}:\n{result.stdout[-2000:]}"
    assert failed in result.stdout
