"""The harness: runs ds_shell.sh in temporary folders and reads what it made.

Every behaviour test runs under each shell of the matrix (DS_SHELL_TEST_SHELLS,
default all nine of ALL_SHELLS). Under CI a missing shell fails the run;
elsewhere the tests for it are skipped, and the summary (pytest -rs) says which.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COMMITTED_SCRIPT = REPO / "ds_shell.sh"
# The script under test; test_failsafe.py points it at broken builds.
SCRIPT = Path(os.environ.get("DS_SHELL_SCRIPT", COMMITTED_SCRIPT))
TEMPLATE = REPO / "lib" / "template"
EXPECTED_TREE = Path(__file__).resolve().parent / "expected_tree.txt"
DEFAULT_PYTHON = "3.12"

# zsh behaves as sh when it is started under the name "sh".
ZSH_AS_SH = Path(tempfile.mkdtemp(prefix="ds_shell-zsh-as-sh-")) / "sh"
os.chmod(ZSH_AS_SH.parent, 0o755)  # for the runs as an unprivileged user
if shutil.which("zsh"):
    ZSH_AS_SH.symlink_to(shutil.which("zsh"))
atexit.register(shutil.rmtree, ZSH_AS_SH.parent, True)

ALL_SHELLS = "bash bash-posix dash busybox mksh yash posh ksh93 zsh-sh"
SHELL_COMMANDS = {
    "bash": ["bash"],
    "bash-posix": ["bash", "--posix"],
    "dash": ["dash"],
    "busybox": ["busybox", "sh"],
    "mksh": ["mksh"],
    "yash": ["yash"],
    "posh": ["posh"],
    "ksh93": ["ksh93"],
    "zsh-sh": [str(ZSH_AS_SH)],
}


def matrix() -> list[str]:
    names = os.environ.get("DS_SHELL_TEST_SHELLS", ALL_SHELLS).split()
    unknown = [name for name in names if name not in SHELL_COMMANDS]
    if unknown:
        raise pytest.UsageError(f"unknown shell(s) in DS_SHELL_TEST_SHELLS: {unknown}")
    return names


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "shell" in metafunc.fixturenames:
        metafunc.parametrize("shell", matrix(), indirect=True)


@pytest.fixture
def shell(request: pytest.FixtureRequest) -> list[str]:
    command = SHELL_COMMANDS[request.param]
    if shutil.which(command[0]) is None or not Path(shutil.which(command[0])).exists():
        if os.environ.get("CI"):
            pytest.fail(f"shell {request.param} is not installed, and CI needs every shell")
        pytest.skip(f"shell {request.param} is not installed")
    return command


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user's terminal, without what would change the output."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SUDO_", "DS_SHELL_", "GIT_", "WSL_")) and key not in {"NO_COLOR", "CDPATH"}
    }
    env["TERM"] = "xterm"
    env.update(extra)
    return env


def run(
    shell: list[str],
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    script: Path = SCRIPT,
    stdin: str | None = None,
    prefix: list[str] | None = None,
) -> Result:
    proc = subprocess.run(
        [*(prefix or []), *shell, str(script), *args],
        cwd=cwd,
        env=env if env is not None else clean_env(),
        input=stdin,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=60,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def output_path(relative: str) -> str:
    """lib/template's naming: a leading "dot-" in a name stands for "."."""
    return "/".join("." + part[4:] if part.startswith("dot-") else part for part in relative.split("/"))


def slug(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def expected_files(name: str, python: str = DEFAULT_PYTHON) -> dict[str, bytes]:
    """Each generated file's bytes, rendered here from lib/template independently of the script."""
    files = {}
    for path in sorted(TEMPLATE.rglob("*")):
        if path.is_file():
            text = path.read_bytes()
            text = text.replace(b"{{PROJECT_NAME}}", name.encode())
            text = text.replace(b"{{PROJECT_SLUG}}", slug(name).encode())
            text = text.replace(b"{{PYTHON_VERSION}}", python.encode())
            files[output_path(path.relative_to(TEMPLATE).as_posix())] = text
    return files


def expected_tree() -> list[str]:
    return EXPECTED_TREE.read_text().split()


def tree(root: Path, *, with_git: bool = False) -> list[str]:
    """Every path under ROOT, folders with a trailing "/"; .git's content is left out."""
    paths = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root).as_posix()
        prefix = "" if rel == "." else rel + "/"
        if ".git" in dirnames:
            dirnames.remove(".git")
            if with_git:
                paths.append(prefix + ".git/")
        paths += [prefix + d + "/" for d in dirnames]
        paths += [prefix + f for f in filenames]
    return sorted(paths)


def read_files(root: Path) -> dict[str, bytes]:
    return {p: (root / p).read_bytes() for p in tree(root) if not p.endswith("/")}


def snapshot(root: Path) -> dict[str, tuple]:
    """What a rerun must not change: bytes, mode, owner and mtime of every path, ROOT's own included."""
    st = root.lstat()
    state = {"./": ("", stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, st.st_mtime_ns)}
    for p in tree(root, with_git=True):
        st = (root / p).lstat()
        data = b"" if p.endswith("/") else (root / p).read_bytes()
        state[p] = (hashlib.sha256(data).hexdigest(), stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid, st.st_mtime_ns)
    return state


def fingerprint(root: Path) -> dict[str, tuple[str, int]]:
    """Content hash and mode of every path: what must be the same under every shell."""
    return {
        p: (
            "" if p.endswith("/") else hashlib.sha256((root / p).read_bytes()).hexdigest(),
            stat.S_IMODE((root / p).lstat().st_mode),
        )
        for p in tree(root)
    }


def status_lines(stdout: str) -> dict[str, str]:
    """{path: status word} from the status lines of a run."""
    lines = {}
    for line in stdout.splitlines():
        match = re.match(r"^ *(create|identical|kept|replaced|merged|missing|differs|incomplete|conflict)  (\S+)", line)
        if match:
            lines[match.group(2)] = match.group(1)
    return lines


@pytest.fixture
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


NOBODY = 65534


@dataclass
class User:
    """An unprivileged user: a folder of theirs, the command prefix that runs
    as them, and a copy of the script they can read."""

    home: Path
    prefix: list[str]
    script: Path

    def run(self, shell: list[str], *args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
        return run(shell, *args, cwd=cwd, env=env, script=self.script, prefix=self.prefix)

    def own(self, root: Path) -> None:
        """Makes everything under ROOT this user's, as if they had made it."""
        if not self.prefix:
            return
        for dirpath, _, filenames in os.walk(root):
            os.chown(dirpath, NOBODY, NOBODY)
            for name in filenames:
                os.chown(os.path.join(dirpath, name), NOBODY, NOBODY, follow_symlinks=False)


@pytest.fixture
def user(tmp_path_factory):
    """File permissions apply to this user (root ignores them). Not root
    already: the user is you, with an empty prefix."""
    if os.geteuid() != 0:
        home = tmp_path_factory.mktemp("user")
        script = home / "ds_shell.sh"
        shutil.copyfile(SCRIPT, script)
        yield User(home, [], script)
        return
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("setpriv (util-linux) is needed to run as an unprivileged user")
    # pytest's own temporary folders are root's alone: this one is under /tmp.
    home = Path(tempfile.mkdtemp(prefix="ds_shell-user-"))
    os.chmod(home, 0o755)
    script = home / "ds_shell.sh"
    shutil.copyfile(SCRIPT, script)
    os.chmod(script, 0o644)
    os.chown(home, NOBODY, NOBODY)
    yield User(home, [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"], script)
    for dirpath, dirnames, _ in os.walk(home):
        for name in dirnames:
            os.chmod(os.path.join(dirpath, name), 0o755)
    shutil.rmtree(home)
