"""lib/build.sh: ds_shell.sh is a faithful, deterministic build of lib/."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from conftest import COMMITTED_SCRIPT as SCRIPT
from conftest import REPO, TEMPLATE, expected_files, output_path, run, tree

# Bytes that a careless heredoc would mangle: expansions, backticks,
# backslashes, quotes, tabs, carriage returns, a line that is the
# delimiter, one that is the next delimiter, and braces that are no placeholder.
TRICKY = (
    b"$HOME ${PATH} $(echo no) `echo no` \\$ \\\\ \\n '\"\n"
    b"\tindented with a tab \\\n"
    b"DS_SHELL_EOF\n"
    b"DS_SHELL_EOF_1\n"
    b"  DS_SHELL_EOF\n"
    b"windows line\r\n"
    b"{{ not_a_placeholder }} {{PROJECT_NAME}}-{{PROJECT_SLUG}} py{{PYTHON_VERSION}} {{}}\n"
    b"EOF\n"
)


def build(output: Path, template: Path | None = None) -> subprocess.CompletedProcess:
    args = ["sh", "lib/build.sh", str(output)] + ([str(template)] if template else [])
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True)


def test_committed_script_is_a_fresh_build(tmp_path):
    result = build(tmp_path / "ds_shell.sh")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ds_shell.sh").read_bytes() == SCRIPT.read_bytes(), (
        "ds_shell.sh is stale: run make and commit it"
    )


def test_build_is_deterministic(tmp_path):
    build(tmp_path / "a.sh")
    build(tmp_path / "b.sh")
    assert (tmp_path / "a.sh").read_bytes() == (tmp_path / "b.sh").read_bytes()


def test_sha256_file_matches_the_script_in_sha256sum_format():
    digest = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()
    assert (REPO / "ds_shell.sh.sha256").read_text() == f"{digest}  ds_shell.sh\n"
    check = subprocess.run(["sha256sum", "-c", "ds_shell.sh.sha256"], cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout == "ds_shell.sh: OK\n"


def test_script_says_it_is_generated_and_where_its_sources_are():
    head = SCRIPT.read_text().splitlines()[:12]
    assert head[0] == "#!/bin/sh"
    text = "\n".join(head)
    assert "GENERATED FILE, do not edit" in text
    assert "lib/*.sh" in text and "lib/template/" in text


def test_last_line_calls_main():
    assert SCRIPT.read_text().splitlines()[-1] == '{ main "$@"; }'


def test_one_quoted_heredoc_per_template_file():
    script = SCRIPT.read_text()
    for path, content in expected_files("x").items():
        if content:
            assert f"    '{path}')\n        render <<'DS_SHELL_EOF" in script, path
        else:
            assert f"    '{path}') ;; # an empty file\n" in script, path


def test_dot_names_map_to_dotfiles():
    names = {output_path(p.relative_to(TEMPLATE).as_posix()) for p in TEMPLATE.rglob("*") if p.is_file()}
    assert {".gitignore", ".gitattributes", "src/.dockerignore", "src/app/.env", "data/.gitkeep"} <= names
    assert not any(part.startswith("dot-") for name in names for part in name.split("/"))


@pytest.fixture
def tricky_template(tmp_path):
    template = tmp_path / "template"
    (template / "sub" / "dot-hidden").mkdir(parents=True)
    (template / "tricky.txt").write_bytes(TRICKY)
    (template / "dot-gitignore").write_bytes(b".env\n")
    (template / "sub" / "dot-hidden" / "dot-gitkeep").write_bytes(b"")
    (template / "empty-dir").mkdir()
    return template


def test_every_byte_but_the_placeholders_comes_out_as_it_is(tmp_path, tricky_template, shell):
    script = tmp_path / "tricky.sh"
    assert build(script, tricky_template).returncode == 0
    out = tmp_path / "out"
    result = run(shell, "--no-git", "--name", "My.Proj_1", "--python", "3.13", str(out), cwd=tmp_path, script=script)
    assert result.returncode == 0, result.stderr
    expected = TRICKY.replace(b"{{PROJECT_NAME}}", b"My.Proj_1").replace(b"{{PROJECT_SLUG}}", b"my-proj-1")
    expected = expected.replace(b"{{PYTHON_VERSION}}", b"3.13")
    assert (out / "tricky.txt").read_bytes() == expected
    assert tree(out) == [".gitignore", "empty-dir/", "sub/", "sub/.hidden/", "sub/.hidden/.gitkeep", "tricky.txt"]
    assert (out / "sub/.hidden/.gitkeep").read_bytes() == b""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("no-newline.txt", b"last line", "a template must end with a newline"),
        ("nul.txt", b"a\0b\n", "a template cannot hold NUL bytes"),
        ("typo.txt", b"{{PROJECT_NAM}}\n", "unknown placeholder(s): PROJECT_NAM"),
        ("with space.txt", b"x\n", "template paths may hold only"),
        ("readme.md", b"x\n", "paths that differ only by letter case: readme.md"),
    ],
)
def test_build_refuses_a_template_it_cannot_reproduce(tmp_path, name, content, message):
    template = tmp_path / "template"
    template.mkdir()
    (template / "README.md").write_bytes(b"# ok\n")
    (template / name).write_bytes(content)
    result = build(tmp_path / "out.sh", template)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / "out.sh").exists()
    assert not (tmp_path / "out.sh.build-tmp").exists()
