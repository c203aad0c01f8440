"""Interrupts, truncated downloads, Windows line endings and sudo."""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import time
from collections import Counter

import pytest

from conftest import SCRIPT, clean_env, expected_files, expected_tree, run, snapshot, tree

SIGNALS = [signal.SIGTERM, signal.SIGINT, signal.SIGHUP]
EXIT_STATUS = {signal.SIGHUP: 129, signal.SIGINT: 130, signal.SIGTERM: 143}


def assert_absent_or_complete(project, *, temp_allowed=False):
    expected = expected_files("p")
    dirs = {path for path in expected_tree() if path.endswith("/")}
    for path in tree(project):
        if path == ".ds_shell-tmp/" or path.startswith(".ds_shell-tmp/"):
            assert temp_allowed, f"staging folder left behind: {path}"
        elif path.endswith("/"):
            assert path in dirs, path
        else:
            assert (project / path).read_bytes() == expected[path], f"{path} is half-written"


def assert_rerun_completes(tmp_path, shell):
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "p") == expected_tree()
    assert_absent_or_complete(tmp_path / "p")


# Every external command the script may run, wrapped: the wrapper counts the
# call and, at call number STUB_KILL_AT, signals the whole process group (as
# Ctrl-C does) just before or just after running the real command.
EXTERNAL_COMMANDS = ["mkdir", "mv", "rm", "cp", "chmod", "chown", "ls", "cmp", "date", "id", "printf", "git"]
STUB = """#!/bin/sh
n=$(cat "$STUB_COUNTER")
n=$((n + 1))
echo "$n" >"$STUB_COUNTER"
if [ "$n" = "$STUB_KILL_AT" ] && [ "$STUB_WHEN" = before ]; then
    kill -s "$STUB_SIGNAL" 0
fi
"$STUB_REAL" "$@"
status=$?
if [ "$n" = "$STUB_KILL_AT" ]; then
    kill -s "$STUB_SIGNAL" 0
fi
exit "$status"
"""


@pytest.fixture
def stubs(tmp_path):
    bin_dir = tmp_path / "stub-bin"
    bin_dir.mkdir()
    for name in EXTERNAL_COMMANDS:
        real = shutil.which(name)
        (bin_dir / name).write_text(STUB.replace('"$STUB_REAL"', real))
        os.chmod(bin_dir / name, 0o755)
    return bin_dir


def run_in_own_group(shell, args, cwd, env):
    proc = subprocess.run(
        [*shell, str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, start_new_session=True,
    )
    return proc.returncode, proc.stderr


def test_interrupt_before_and_after_each_external_command(tmp_path, shell, stubs):
    counter = tmp_path / "counter"
    env = clean_env(PATH=f"{stubs}:{os.environ['PATH']}", STUB_COUNTER=str(counter), STUB_KILL_AT="0", STUB_WHEN="none", STUB_SIGNAL="TERM")
    counter.write_text("0")
    work = tmp_path / "w0"
    work.mkdir()
    assert run_in_own_group(shell, ["p"], work, env)[0] == 0
    calls = int(counter.read_text())
    assert calls >= 3, "the wrappers must see the script's commands"
    for kill_at in range(1, calls + 1):
        for when in ["before", "after"]:
            sig = SIGNALS[kill_at % 3]
            work = tmp_path / f"w-{kill_at}-{when}"
            work.mkdir()
            counter.write_text("0")
            env.update(STUB_KILL_AT=str(kill_at), STUB_WHEN=when, STUB_SIGNAL=sig.name[3:])
            status, stderr = run_in_own_group(shell, ["p"], work, env)
            assert status == EXIT_STATUS[sig], (kill_at, when, status, stderr)
            assert "interrupted; no file was left half-written" in stderr
            assert_absent_or_complete(work / "p")
            assert_rerun_completes(work, shell)


needs_strace = pytest.mark.skipif(
    shutil.which("strace") is None and not os.environ.get("CI"), reason="strace is not installed (CI installs it)"
)


@needs_strace
@pytest.mark.slow
def test_interrupt_at_opens_and_writes_of_the_shell(tmp_path, shell):
    """strace delivers the signal as the shell opens or writes a file, at points
    spread over the run. (strace stops the shell at each of its system calls,
    and a run makes tens of thousands: hence a sample, in make test-all.)"""
    trace = ["strace", "-e", "trace=openat,write"]
    work = tmp_path / "count"
    work.mkdir()
    log = tmp_path / "syscalls"
    subprocess.run([*trace, "-o", str(log), *shell, str(SCRIPT), "--no-git", "p"], cwd=work, env=clean_env(), capture_output=True, check=True)
    # strace counts each system call on its own: the 5th write, the 7th openat.
    counts = Counter(line.split("(", 1)[0] for line in log.read_text().splitlines() if line.startswith(("openat(", "write(")))
    assert counts["openat"] > 20 and counts["write"] > 20
    points = [
        (call, n) for call, total in counts.items() for n in sorted({1, 2, *range(total // 3, total, max(1, total // 6))})
    ]
    for i, (call, n) in enumerate(points):
        sig = SIGNALS[i % 3]
        work = tmp_path / f"w-{call}-{n}"
        work.mkdir()
        proc = subprocess.run(
            [*trace, "-o", "/dev/null", "-e", f"inject={call}:signal={sig.name[3:]}:when={n}", *shell, str(SCRIPT), "--no-git", "p"],
            cwd=work, env=clean_env(), capture_output=True, text=True, timeout=120,
        )
        # The trap's exit status; or, before the traps are set, the signal's own.
        assert proc.returncode in (EXIT_STATUS[sig], -sig), (call, n, proc.stderr)
        assert_absent_or_complete(work / "p")
        assert_rerun_completes(work, shell)


def timed_kill(tmp_path, shell, sig, delay):
    """Signals the whole process group, as a terminal does, DELAY seconds into a run.
    The shells' own temporary files go to tmp_path/shell-tmp (TMPDIR, and zsh's TMPPREFIX)."""
    shell_tmp = tmp_path / "shell-tmp"
    shell_tmp.mkdir()
    env = clean_env(TMPDIR=str(shell_tmp), TMPPREFIX=f"{shell_tmp}/zsh")
    proc = subprocess.Popen(
        [*shell, str(SCRIPT), "--no-git", "p"], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(proc.pid, sig)
    proc.wait(timeout=30)
    return shell_tmp


@pytest.mark.parametrize("step", range(16))
def test_signal_at_any_moment(tmp_path, shell, step):
    shell_tmp = timed_kill(tmp_path, shell, SIGNALS[step % 3], step * 0.004)
    assert_absent_or_complete(tmp_path / "p")
    assert os.listdir(shell_tmp) == []
    assert_rerun_completes(tmp_path, shell)


@pytest.mark.parametrize("step", range(12))
def test_after_sigkill_a_rerun_completes_and_leaves_no_temporary_file(tmp_path, shell, step):
    shell_tmp = timed_kill(tmp_path, shell, signal.SIGKILL, step * 0.006)
    assert_absent_or_complete(tmp_path / "p", temp_allowed=True)
    assert os.listdir(shell_tmp) == [], "a here-document's temporary file of the shell"
    assert_rerun_completes(tmp_path, shell)


def cut_points(data: bytes) -> list[int]:
    """Every 5th line end, and every byte of the last three lines but the final newline
    (without which the copy is whole)."""
    ends = [i + 1 for i, byte in enumerate(data) if byte == ord("\n")]
    tail_start = ends[-4]
    return sorted(point for point in set(ends[::5] + list(range(tail_start, len(data)))) if point < len(data) - 1)


def test_a_truncated_copy_runs_nothing(tmp_path, shell):
    data = SCRIPT.read_bytes()
    cut = tmp_path / "cut.sh"
    work = tmp_path / "work"
    work.mkdir()
    points = cut_points(data)
    assert len(points) > 300
    for point in points:
        cut.write_bytes(data[:point])
        subprocess.run([*shell, str(cut)], cwd=work, env=clean_env(), capture_output=True, timeout=30)
        subprocess.run([*shell, str(cut), "made"], cwd=work, env=clean_env(), capture_output=True, timeout=30)
        assert os.listdir(work) == [], f"a copy cut at byte {point} of {len(data)} wrote something"
    cut.write_bytes(data)
    subprocess.run([*shell, str(cut), "--no-git"], cwd=work, env=clean_env(), capture_output=True, timeout=30)
    assert tree(work) == expected_tree(), "the uncut copy must work, or this test proves nothing"


def test_a_crlf_copy_stops_with_a_message_and_writes_nothing(tmp_path, shell):
    crlf = tmp_path / "ds_shell.sh"
    crlf.write_bytes(SCRIPT.read_bytes().replace(b"\n", b"\r\n"))
    work = tmp_path / "work"
    work.mkdir()
    result = run(shell, "p", cwd=work, script=crlf)
    assert result.returncode == 2
    assert result.stderr == (
        "ds_shell.sh: error: this copy has Windows (CRLF) line endings, which sh cannot run;"
        " convert it with 'dos2unix ds_shell.sh' or 'sed -i \"s/\\r$//\" ds_shell.sh', then run it again\n"
    )
    assert os.listdir(work) == []


def test_the_suggested_sed_fix_works(tmp_path, shell):
    crlf = tmp_path / "ds_shell.sh"
    crlf.write_bytes(SCRIPT.read_bytes().replace(b"\n", b"\r\n"))
    subprocess.run(["sed", "-i", "s/\r$//", str(crlf)], check=True)
    assert crlf.read_bytes() == SCRIPT.read_bytes()


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="sudo ownership needs root (CI runs as root)")


@needs_root
def test_under_sudo_everything_belongs_to_the_user(tmp_path, shell):
    env = clean_env(SUDO_UID="4321", SUDO_GID="4322", SUDO_USER="alice")
    result = run(shell, "new/p", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "sudo is not needed" in result.stderr and "will belong to alice" in result.stderr
    assert os.stat(tmp_path).st_uid == 0
    for root in [tmp_path / "new", tmp_path / "new/p"]:
        assert (os.stat(root).st_uid, os.stat(root).st_gid) == (4321, 4322)
    for dirpath, dirnames, filenames in os.walk(tmp_path / "new/p"):
        for name in dirnames + filenames:
            st = os.lstat(os.path.join(dirpath, name))
            assert (st.st_uid, st.st_gid) == (4321, 4322), os.path.join(dirpath, name)
    assert (tmp_path / "new/p/.git/HEAD").exists()


@needs_root
def test_under_sudo_backups_and_merges_belong_to_the_user(tmp_path, shell):
    env = clean_env(SUDO_UID="4321", SUDO_GID="4322")
    p = tmp_path / "p"
    p.mkdir()
    os.chown(p, 4321, 4322)
    (p / "README.md").write_text("mine\n")
    (p / ".gitignore").write_text("*.log\n")
    os.chown(p / ".gitignore", 4321, 4322)
    result = run(shell, "--no-git", "--force", "p", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    for dirpath, dirnames, filenames in os.walk(p):
        for name in dirnames + filenames:
            st = os.lstat(os.path.join(dirpath, name))
            assert (st.st_uid, st.st_gid) == (4321, 4322), os.path.join(dirpath, name)


# --- no room, and no permission ------------------------------------------------


def assert_nothing_half_written(project):
    """Every file is absent or complete, and no staging folder is left: the shell survived."""
    assert_absent_or_complete(project)


def limited_file_size(limit: int):
    def preexec():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@pytest.mark.parametrize("limit", [0, 100, 1000, 2500, "largest - 1"])
def test_a_file_size_limit_fails_naming_the_file_and_leaves_nothing_half_written(tmp_path, shell, limit):
    expected = expected_files("p")
    if limit == "largest - 1":
        limit = max(len(data) for data in expected.values()) - 1
    proc = subprocess.run(
        [*shell, str(SCRIPT), "--no-git", "p"], cwd=tmp_path, env=clean_env(), capture_output=True, text=True,
        timeout=60, preexec_fn=limited_file_size(limit),
    )
    if proc.returncode == -signal.SIGXFSZ:
        # ksh93 keeps the here-documents it parses in a temporary file: past the
        # limit, the signal kills it before main, and nothing is written.
        assert not (tmp_path / "p").exists()
        assert_rerun_completes(tmp_path, shell)
        return
    assert proc.returncode == 1, proc.stderr
    named = re.search(r"^ds_shell\.sh: error: cannot write (\S+): it is larger than the file-size limit \(ulimit -f\); nothing was moved into place$", proc.stderr, re.M)
    assert named, proc.stderr
    assert len(expected[named.group(1)]) > limit, "the file named is one that does not fit"
    assert proc.stdout == "    create  p/\n", "the folder was made; no file is reported in place"
    assert_nothing_half_written(tmp_path / "p")
    assert_rerun_completes(tmp_path, shell)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 16 KiB file system (tmpfs, as root): room for a few files of the project."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k,mode=755", "tmpfs", str(disk)], capture_output=True, text=True)
    if mounted.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs as root and must be able to mount a tmpfs: {mounted.stderr}")
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_fails_naming_the_file_and_a_rerun_with_room_completes(tiny_disk, shell):
    result = run(shell, "--no-git", "p", cwd=tiny_disk)
    assert result.returncode == 1
    assert re.search(r"^ds_shell\.sh: error: cannot (write \S+ \(staged in|create \.ds_shell-tmp)", result.stderr, re.M), result.stderr
    assert_nothing_half_written(tiny_disk / "p")
    subprocess.run(["mount", "-o", "remount,size=1m", str(tiny_disk)], check=True)
    assert_rerun_completes(tiny_disk, shell)


def test_a_read_only_file_system_stops_before_writing(tiny_disk, shell):
    (tiny_disk / "p").mkdir()
    (tiny_disk / "p/README.md").write_text("mine\n")
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    before = snapshot(tiny_disk / "p")
    result = run(shell, "--no-git", "p", cwd=tiny_disk)
    assert result.returncode == 1
    # busybox's test -w says yes to root on a read-only file system: then the
    # first mkdir finds out, and says so in its own words first.
    assert re.fullmatch(
        r"(mkdir: .*\.ds_shell-tmp.*Read-only file system\n"
        r"ds_shell\.sh: error: 'p': cannot write in this folder\n"
        r"|ds_shell\.sh: error: 'p': cannot write in this folder \(permission denied, or a read-only file system\)\n)"
        r"ds_shell\.sh: error: nothing was written: make the folder\(s\) above writable, then run again\n",
        result.stderr,
    ), result.stderr
    assert snapshot(tiny_disk / "p") == before


def test_a_read_only_directory_stops_before_writing(user, shell):
    p = user.home / "p"
    p.mkdir()
    (p / "README.md").write_text("mine\n")
    user.own(p)
    os.chmod(p, 0o555)
    before = snapshot(p)
    for args in [["p"], ["--force", "p"], ["--dry-run", "p"]]:
        result = user.run(shell, "--no-git", *args, cwd=user.home)
        assert result.returncode == 1, args
        assert result.stderr.startswith(
            "ds_shell.sh: error: 'p': cannot write in this folder (permission denied, or a read-only file system)\n"
        ), result.stderr
        assert result.stdout == ""
        assert snapshot(p) == before
    assert result.stderr.endswith("ds_shell.sh: error: a real run would stop here without writing anything\n")


def test_a_parent_that_is_not_writable_stops_before_writing(user, shell):
    parent = user.home / "parent"
    parent.mkdir()
    user.own(parent)
    os.chmod(parent, 0o555)
    result = user.run(shell, "--no-git", "parent/new/p", cwd=user.home)
    assert result.returncode == 1
    assert result.stderr == (
        "ds_shell.sh: error: cannot create 'parent/new/p': cannot write in 'parent' (permission denied, or a read-only file system)\n"
        "ds_shell.sh: error: nothing was written: choose a folder you can write in\n"
    )
    assert os.listdir(parent) == []


def test_a_read_only_folder_inside_the_project_stops_before_anything_moves_in(user, shell):
    p = user.home / "p"
    assert user.run(shell, "--no-git", "p", cwd=user.home).returncode == 0
    (p / "src/app/main.py").unlink()
    (p / "README.md").unlink()
    os.chmod(p / "src/app", 0o555)
    before = snapshot(p)
    result = user.run(shell, "--no-git", "p", cwd=user.home)
    assert result.returncode == 1
    assert result.stderr == (
        "ds_shell.sh: error: src/app/: cannot write in this folder (permission denied, or a read-only file system)\n"
        "ds_shell.sh: error: nothing was written: make the folder(s) above writable, then run again\n"
    )
    assert snapshot(p) == before, "README.md must not move in alone"


def test_force_into_a_read_only_folder_replaces_nothing_and_backs_up_nothing(user, shell):
    p = user.home / "p"
    assert user.run(shell, "--no-git", "p", cwd=user.home).returncode == 0
    (p / "src/app/main.py").write_text("# mine\n")
    (p / "README.md").write_text("mine\n")
    os.chmod(p / "src/app", 0o555)
    before = snapshot(p)
    result = user.run(shell, "--no-git", "--force", "p", cwd=user.home)
    assert result.returncode == 1
    assert result.stderr == (
        "ds_shell.sh: error: src/app/: cannot write in this folder (permission denied, or a read-only file system)\n"
        "ds_shell.sh: error: nothing was written: make the folder(s) above writable, then run again\n"
    )
    assert snapshot(p) == before


def test_output_past_the_file_size_limit_ends_the_run_with_a_message(tmp_path, shell):
    """The project is in place; the status lines, sent to a file, are not."""
    largest = max(len(data) for data in expected_files("p").values())
    log = tmp_path / "log"
    log.write_text("x" * largest)  # the status lines come after: past the limit
    with open(log, "a") as out:
        proc = subprocess.run(
            [*shell, str(SCRIPT), "--no-git", "p"], cwd=tmp_path, env=clean_env(), stdout=out, stderr=subprocess.PIPE,
            text=True, timeout=60, preexec_fn=limited_file_size(largest + 100),
        )
    if proc.returncode == -signal.SIGXFSZ and not (tmp_path / "p").exists():
        return  # ksh93, killed at start (see above)
    assert tree(tmp_path / "p") == expected_tree()
    assert_absent_or_complete(tmp_path / "p")
    if proc.returncode == 128 + signal.SIGXFSZ:
        # mksh and posh: their printf is a program, which the signal ends.
        assert "File size limit exceeded" in proc.stderr
        return
    assert proc.returncode == 1
    assert "ds_shell.sh: error: the output is larger than the file-size limit (ulimit -f)\n" in proc.stderr
