"""What the user reads: colour rules, status line format, notes."""

from __future__ import annotations

import os
import pty
import subprocess

import pytest
import yaml

from conftest import SCRIPT, clean_env, run

ESC = "\033["


def run_on_terminal(shell, args, cwd, env, *, stderr_tty=False):
    """Runs with stdout (and optionally stderr) on a pseudo-terminal; returns (status, tty text, other text)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*shell, str(SCRIPT), *args], cwd=cwd, env=env, stdout=follower,
        stderr=follower if stderr_tty else subprocess.PIPE,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    other = b"" if stderr_tty else proc.stderr.read()
    proc.wait(timeout=30)
    return proc.returncode, b"".join(chunks).decode(), other.decode()


def test_colour_on_a_terminal(tmp_path, shell):
    status, text, _ = run_on_terminal(shell, ["--no-git", "p"], tmp_path, clean_env(TERM="xterm"))
    assert status == 0
    assert f"{ESC}32m    create{ESC}0m  src/app/main.py" in text


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"TERM": ""}])
def test_no_colour_with_no_color_or_a_dumb_terminal(tmp_path, shell, env):
    status, text, _ = run_on_terminal(shell, ["--no-git", "p"], tmp_path, clean_env(**env))
    assert status == 0
    assert "create  src/app/main.py" in text
    assert ESC not in text


def test_empty_no_color_does_not_disable_colour(tmp_path, shell):
    _, text, _ = run_on_terminal(shell, ["--no-git", "p"], tmp_path, clean_env(NO_COLOR=""))
    assert ESC in text


def test_error_in_colour_only_on_a_terminal(tmp_path, shell):
    status, text, _ = run_on_terminal(shell, ["--bad"], tmp_path, clean_env(), stderr_tty=True)
    assert status == 2
    assert f"ds_shell.sh: {ESC}1;31merror:{ESC}0m unknown option '--bad'" in text
    _, _, stderr = run_on_terminal(shell, ["--bad"], tmp_path, clean_env())
    assert stderr == "ds_shell.sh: error: unknown option '--bad' (see ds_shell.sh --help)\n"


def test_status_lines_are_aligned_words_then_paths(tmp_path, shell):
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert "    create  src/app/main.py\n" in result.stdout
    again = run(shell, "--no-git", "p", cwd=tmp_path)
    assert " identical  src/app/main.py\n" in again.stdout


def test_next_steps_run_the_projects_compose_files_with_their_ports_in_one_column(tmp_path, shell):
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    steps = result.stdout.split("Next steps:\n")[1].splitlines()
    assert steps[0] == "  cd p"
    commands = [line for line in steps if line.startswith("  docker compose -f ")]
    assert len(commands) == 2
    assert len({line.index(" # ") for line in commands}) == 1, "the comments start in one column"
    for line in commands:
        compose = yaml.safe_load((tmp_path / "p" / line.split()[3]).read_text())
        (service,) = compose["services"].values()
        host_port = service["ports"][0].split(":")[0]
        assert f"http://localhost:{host_port}" in line


def test_wsl_note_when_working_on_a_windows_drive(tmp_path, shell):
    """The note is about the folder it works in; a bind of /mnt/x is not possible here,
    so this runs in a folder whose path the shell sees as /mnt/<letter> through PWD."""
    mnt = "/mnt/z"
    if not os.access("/mnt", os.W_OK) or os.path.exists(mnt):
        pytest.skip("needs a writable /mnt without /mnt/z")
    os.makedirs(mnt)
    try:
        env = clean_env(WSL_DISTRO_NAME="Ubuntu")
        result = run(shell, "--no-git", "-q", "p", cwd=mnt, env=env)
        assert result.returncode == 0
        quiet = result.stderr
        result = run(shell, "--no-git", "p", cwd=mnt, env=env)
        assert "ds_shell.sh: note: /mnt/z/p is on a Windows drive" in result.stderr
        assert quiet == ""
        result = run(shell, "--no-git", "p", cwd=mnt, env=clean_env())
        assert "Windows drive" not in result.stderr
    finally:
        subprocess.run(["rm", "-rf", mnt], check=True)
