"""The Makefile's promises: install, help, clean."""

from __future__ import annotations

import stat
import subprocess

from conftest import REPO, SCRIPT, clean_env, expected_tree, tree


def make(*args, cwd=REPO):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True, env=clean_env())


def test_install_puts_an_executable_ds_shell_under_prefix(tmp_path):
    result = make("install", f"PREFIX={tmp_path / 'prefix'}")
    assert result.returncode == 0, result.stderr
    installed = tmp_path / "prefix/bin/ds_shell"
    assert installed.read_bytes() == SCRIPT.read_bytes()
    assert stat.S_IMODE(installed.stat().st_mode) == 0o755
    version = subprocess.run([str(installed), "--version"], capture_output=True, text=True)
    assert version.stdout == "ds_shell 1.0.0\n"
    work = tmp_path / "work"
    work.mkdir()
    assert subprocess.run([str(installed), "-q", "--no-git", "p"], cwd=work).returncode == 0
    assert tree(work / "p") == expected_tree()
    assert make("uninstall", f"PREFIX={tmp_path / 'prefix'}").returncode == 0
    assert not installed.exists()


def test_help_lists_every_target():
    result = make("help")
    assert result.returncode == 0
    targets = [line.split()[1] for line in result.stdout.splitlines()]
    assert targets == [
        "all", "test", "test-all", "lint", "pytest", "pytest-slow", "bats", "bench", "install", "uninstall", "clean", "help",
    ]


def test_make_is_up_to_date_on_a_fresh_build(tmp_path):
    """make's rule writes the .sha256 that sha256sum -c accepts."""
    work = tmp_path
    subprocess.run(["cp", "-R", str(REPO / "lib"), str(REPO / "Makefile"), str(work)], check=True)
    result = make("all", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "ds_shell.sh").read_bytes() == SCRIPT.read_bytes()
    check = subprocess.run(["sha256sum", "-c", "ds_shell.sh.sha256"], cwd=work, capture_output=True, text=True)
    assert check.stdout == "ds_shell.sh: OK\n"
