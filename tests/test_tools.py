"""Only POSIX utilities: busybox's applets alone suffice, git is optional, and a
Windows-mounted folder (chmod does nothing) works with a warning."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SCRIPT, clean_env, expected_files, expected_tree, read_files, run, status_lines, tree

# The utilities of POSIX.1-2024 (XCU, chapter 3) that a script like this could
# call; git is the one optional tool beside them.
POSIX_UTILITIES = set(
    """
    awk basename cat chgrp chmod chown cksum cmp comm cp cut date dd df diff dirname du echo env expand expr
    false file find fold getconf grep head id join kill ln locale logger logname ls mkdir mkfifo mv nice nl
    nohup od paste pathchk pax pr printf pwd readlink realpath rm rmdir sed sleep sort split stty tail tee test
    touch tr true tsort tty umask uname unexpand uniq wc xargs
    """.split()
)
# POSIX only since 2024, and missing from many systems still in use.
AVOIDED = {"readlink", "realpath"}

needs_strace = pytest.mark.skipif(
    shutil.which("strace") is None and not os.environ.get("CI"), reason="strace is not installed (CI installs it)"
)
needs_busybox = pytest.mark.skipif(
    shutil.which("busybox") is None and not os.environ.get("CI"), reason="busybox is not installed (CI installs it)"
)


def absolute(shell: list[str]) -> list[str]:
    """The shell's command with its program as an absolute path, for runs with another PATH."""
    return [shutil.which(shell[0]), *shell[1:]]


@pytest.fixture
def busybox_bin(tmp_path) -> Path:
    """A folder of busybox's applets and nothing else: no GNU coreutils, sed, awk or git."""
    busybox = shutil.which("busybox")
    bin_dir = tmp_path / "busybox-bin"
    bin_dir.mkdir()
    applets = subprocess.run([busybox, "--list"], capture_output=True, text=True, check=True).stdout.split()
    for applet in applets:
        os.symlink(busybox, bin_dir / applet)
    assert "git" not in applets
    return bin_dir


def scenarios(shell, cwd, env):
    """A new project, a rerun, a merge of a user's .gitignore, --force over a changed file,
    --dry-run and --check: every code path that runs a utility."""
    p = cwd / "p"
    results = {"new": run(shell, "p", cwd=cwd, env=env)}
    results["rerun"] = run(shell, "p", cwd=cwd, env=env)
    (p / ".gitignore").write_text("*.log\n")
    (p / "README.md").write_text("mine\n")
    (p / "src/app/main.py").unlink()
    results["dry-run"] = run(shell, "--dry-run", "--force", "p", cwd=cwd, env=env)
    results["check"] = run(shell, "--check", "p", cwd=cwd, env=env)
    results["force"] = run(shell, "--force", "p", cwd=cwd, env=env)
    return results


@needs_busybox
def test_busybox_applets_alone_are_enough(tmp_path, shell, busybox_bin):
    env = clean_env(PATH=str(busybox_bin))
    results = scenarios(absolute(shell), tmp_path, env)
    assert results["new"].returncode == 0, results["new"].stderr
    assert "git is not installed: skipped git init" in results["new"].stderr
    assert set(status_lines(results["rerun"].stdout).values()) == {"identical"}
    assert results["check"].returncode == 1 and "1 missing, 1 incomplete" in results["check"].stdout
    assert results["force"].returncode == 0, results["force"].stderr
    p = tmp_path / "p"
    assert [path for path in tree(p) if not path.startswith(".ds_shell-backup/")] == expected_tree()
    files = {path: data for path, data in read_files(p).items() if not path.startswith(".ds_shell-backup/")}
    assert files.pop(".gitignore").startswith(b"*.log\n\n# Added by ds_shell.sh")
    assert files == {path: data for path, data in expected_files("p").items() if path != ".gitignore"}
    (backup,) = (p / ".ds_shell-backup").iterdir()
    assert (backup / "README.md").read_text() == "mine\n"
    assert oct((p / "src/app/.env").stat().st_mode & 0o777) == "0o600"


def executed_programs(trace: Path) -> list[str]:
    return [os.path.basename(m) for m in re.findall(r'execve\("([^"]+)"', trace.read_text())]


@needs_strace
def test_only_posix_utilities_and_git_are_run(tmp_path, shell):
    trace = tmp_path / "trace"
    wrapped = ["strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=execve", "-e", "signal=none", "-o", str(trace), "-A", *shell]
    trace.write_text("")
    results = scenarios(wrapped, tmp_path, clean_env())
    # A name too long for most file systems is measured with wc.
    results["long"] = run(wrapped, "--", "x/" + "é" * 100, cwd=tmp_path)
    assert [r.returncode for r in results.values()] == [0, 0, 0, 1, 0, 2]
    shell_names = {os.path.basename(shell[0]), os.path.basename(os.path.realpath(shutil.which(shell[0])))}
    programs = [name for name in executed_programs(trace) if name not in shell_names]
    assert programs, "strace must see the script's commands"
    outside = set(programs) - POSIX_UTILITIES - {"git"}
    assert outside == set(), f"not POSIX utilities: {outside}"
    assert set(programs) & AVOIDED == set()


def chmod_stub(tmp_path: Path, body: str) -> dict[str, str]:
    bin_dir = tmp_path / "stub-bin"
    bin_dir.mkdir()
    (bin_dir / "chmod").write_text(f"#!/bin/sh\n{body}\n")
    os.chmod(bin_dir / "chmod", 0o755)
    return clean_env(PATH=f"{bin_dir}:{os.environ['PATH']}")


@pytest.mark.parametrize(
    "chmod",
    [
        pytest.param("exit 0", id="chmod-does-nothing"),
        pytest.param(f'shift $(($# - 1))\nexec {shutil.which("chmod")} 777 "$1"', id="every-file-0777"),
    ],
)
def test_a_windows_mounted_folder_works_and_warns_about_env(tmp_path, shell, umask022, chmod):
    """On a DrvFs mount without metadata chmod succeeds and changes nothing."""
    env = chmod_stub(tmp_path, chmod)
    result = run(shell, "--no-git", "p", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "ds_shell.sh: warning: could not make src/app/.env readable by its owner only (is this a Windows-mounted"
        " folder?); keep real secrets out of it, or work inside the Linux file system\n"
    )
    assert tree(tmp_path / "p") == expected_tree()
    assert read_files(tmp_path / "p") == expected_files("p")
    rerun = run(shell, "--no-git", "p", cwd=tmp_path, env=env)
    assert rerun.returncode == 0 and rerun.stderr == ""
    quiet = run(shell, "--no-git", "-q", "q", cwd=tmp_path, env=env)
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_no_two_generated_paths_differ_only_by_letter_case(tmp_path):
    result = run(["sh"], "--no-git", "p", cwd=tmp_path)
    assert result.returncode == 0
    paths = tree(tmp_path / "p")
    assert paths == expected_tree()
    assert len({path.lower() for path in paths}) == len(paths)


@needs_strace
@pytest.mark.parametrize("shell_name", ["dash", "bash"])
def test_a_new_project_starts_few_processes(tmp_path, shell_name):
    """The guard of make bench's process count: at most one process per file
    written, plus a few (process starts are slow on WSL)."""
    trace = tmp_path / "trace"
    subprocess.run(
        ["strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=execve,clone,clone3,fork,vfork", "-o", str(trace), shell_name, str(SCRIPT), "--no-git", "-q", "p"],
        cwd=tmp_path, env=clean_env(), check=True,
    )
    processes = {line.split()[0] for line in trace.read_text().splitlines()}
    files = [path for path in tree(tmp_path / "p") if not path.endswith("/")]
    assert len(files) == 28
    assert len(processes) <= 10, f"{len(processes)} processes for {len(files)} files"
