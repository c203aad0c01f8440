"""Nothing lost, nothing half-written: reruns, existing files, --force, .env,
.gitignore merging, conflicts and symbolic links."""

from __future__ import annotations

import os
import re
import stat

from conftest import expected_files, expected_tree, read_files, run, snapshot, status_lines, tree


def make(tmp_path, shell, *args):
    result = run(shell, "--no-git", *args, "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "p"


def test_rerun_changes_nothing(tmp_path, shell):
    result = run(shell, "p", cwd=tmp_path)
    assert result.returncode == 0
    before = snapshot(tmp_path / "p")
    again = run(shell, "p", cwd=tmp_path)
    assert again.returncode == 0
    assert snapshot(tmp_path / "p") == before
    assert set(status_lines(again.stdout).values()) == {"identical"}
    assert f"{len(expected_tree())} identical." in again.stdout


def test_changed_file_is_kept_and_reported(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "src/app/main.py").write_text("# mine\n")
    (p / "README.md").unlink()
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert result.returncode == 0
    assert (p / "src/app/main.py").read_text() == "# mine\n"
    statuses = status_lines(result.stdout)
    assert statuses["src/app/main.py"] == "kept"
    assert statuses["README.md"] == "create"
    assert "1 file(s) differ from the template and were kept; --force replaces them" in result.stdout
    assert read_files(p)["README.md"] == expected_files("p")["README.md"]


def test_force_replaces_and_backs_up(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "src/app/main.py").write_text("# mine\n")
    (p / "notebooks/01_eda.ipynb").write_text("{}\n")
    result = run(shell, "--no-git", "--force", "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = expected_files("p")
    assert (p / "src/app/main.py").read_bytes() == expected["src/app/main.py"]
    backups = list((p / ".ds_shell-backup").iterdir())
    assert len(backups) == 1 and re.fullmatch(r"\d{8}-\d{6}", backups[0].name)
    backup = backups[0]
    assert (backup / "src/app/main.py").read_text() == "# mine\n"
    assert (backup / "notebooks/01_eda.ipynb").read_text() == "{}\n"
    assert sorted(tree(backup)) == ["notebooks/", "notebooks/01_eda.ipynb", "src/", "src/app/", "src/app/main.py"]
    statuses = status_lines(result.stdout)
    assert statuses["src/app/main.py"] == "replaced"
    assert f"(old one in .ds_shell-backup/{backup.name}/src/app/main.py)" in result.stdout
    assert f"The files it replaced are backed up in .ds_shell-backup/{backup.name}/." in result.stdout


def test_two_forced_runs_keep_both_backups(tmp_path, shell):
    p = make(tmp_path, shell)
    for content in ["one\n", "two\n"]:
        (p / "README.md").write_text(content)
        assert run(shell, "--no-git", "-f", "p", cwd=tmp_path).returncode == 0
    saved = sorted((b / "README.md").read_text() for b in (p / ".ds_shell-backup").iterdir())
    assert saved == ["one\n", "two\n"]


def test_env_is_never_replaced_even_with_force(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "src/app/.env").write_text("SECRET=mine\n")
    os.chmod(p / "src/app/.env", 0o640)
    result = run(shell, "--no-git", "--force", "p", cwd=tmp_path)
    assert result.returncode == 0
    assert (p / "src/app/.env").read_text() == "SECRET=mine\n"
    assert stat.S_IMODE((p / "src/app/.env").stat().st_mode) == 0o640
    assert status_lines(result.stdout)["src/app/.env"] == "kept"
    assert "never replaced" in result.stdout
    assert not (p / ".ds_shell-backup").exists()


def test_existing_gitignore_is_merged_and_a_rerun_adds_nothing(tmp_path, shell):
    p = tmp_path / "p"
    p.mkdir()
    mine = "# my rules\n*.log\n.env\n__pycache__/   \nsecrets/\n"
    (p / ".gitignore").write_text(mine)
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert result.returncode == 0
    merged = (p / ".gitignore").read_text()
    assert merged.startswith(mine + "\n# Added by ds_shell.sh: entries of the project template that were missing\n")
    added = merged[len(mine):].splitlines()[2:]
    template_entries = [
        line for line in expected_files("p")[".gitignore"].decode().splitlines() if line and not line.startswith("#")
    ]
    assert added == [e for e in template_entries if e not in {".env", "__pycache__/"}]
    assert status_lines(result.stdout)[".gitignore"] == "merged"
    assert f"({len(added)} entries added)" in result.stdout
    before = snapshot(p)
    again = run(shell, "--no-git", "p", cwd=tmp_path)
    assert snapshot(p) == before
    assert status_lines(again.stdout)[".gitignore"] == "kept"


def test_gitignore_without_final_newline_or_with_crlf(tmp_path, shell):
    p = tmp_path / "p"
    p.mkdir()
    (p / ".gitignore").write_bytes(b".env\r\n*.log")
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    merged = (p / ".gitignore").read_bytes()
    assert merged.startswith(b".env\r\n*.log\n\n# Added by ds_shell.sh")
    assert b"\n.env\n" not in merged, ".env was there already, with CRLF"


def test_gitignore_is_merged_not_replaced_by_force(tmp_path, shell):
    p = tmp_path / "p"
    p.mkdir()
    (p / ".gitignore").write_text("*.log\n")
    assert run(shell, "--no-git", "-f", "p", cwd=tmp_path).returncode == 0
    assert (p / ".gitignore").read_text().startswith("*.log\n\n# Added by ds_shell.sh")


def test_a_folder_where_a_file_belongs_stops_before_writing(tmp_path, shell):
    p = tmp_path / "p"
    (p / "src/app/main.py").mkdir(parents=True)
    (p / "data").write_text("not a folder\n")
    before = snapshot(p)
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert result.returncode == 1
    assert "ds_shell.sh: error: data/: a file is where a folder belongs\n" in result.stderr
    assert "ds_shell.sh: error: src/app/main.py: a folder is where a file belongs\n" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(p) == before


def test_symlinked_folder_is_not_followed(tmp_path, shell):
    outside = tmp_path / "big-disk"
    outside.mkdir()
    p = tmp_path / "p"
    p.mkdir()
    os.symlink(outside, p / "data")
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert os.listdir(outside) == []
    assert status_lines(result.stdout)["data/"] == "kept"
    assert "symbolic link, not followed" in result.stdout


def test_symlinked_file_is_left_alone_even_with_force(tmp_path, shell):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("mine\n")
    p = tmp_path / "p"
    p.mkdir()
    os.symlink(outside, p / "README.md")
    os.symlink(tmp_path / "nowhere", p / "Dockerfile")
    result = run(shell, "--no-git", "--force", "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert outside.read_text() == "mine\n"
    assert os.readlink(p / "README.md") == str(outside)
    assert os.readlink(p / "Dockerfile") == str(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()
    assert status_lines(result.stdout)["README.md"] == "kept"


def test_a_staging_folder_left_by_a_killed_run_is_removed(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "src/app/main.py").unlink()
    (p / ".ds_shell-tmp/src/app").mkdir(parents=True)
    (p / ".ds_shell-tmp/src/app/main.py").write_text("half")
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert result.returncode == 0
    assert tree(p) == expected_tree()
    assert read_files(p) == expected_files("p")


def test_a_staging_folder_is_removed_even_when_nothing_is_missing(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / ".ds_shell-tmp").mkdir()
    (p / ".ds_shell-tmp/README.md").write_text("half")
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    assert tree(p) == expected_tree()


def test_no_staging_folder_is_made_when_nothing_is_missing(tmp_path, shell):
    """A rerun must not even touch DIRECTORY's modification time."""
    p = make(tmp_path, shell)
    (p / "README.md").write_text("mine\n")
    before = snapshot(p)
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    assert snapshot(p) == before


def test_dry_run_writes_nothing_and_says_what_a_run_would_do(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "README.md").write_text("mine\n")
    (p / "requirements.txt").unlink()
    (p / ".gitignore").write_text("*.log\n")
    before = snapshot(p)
    dry = run(shell, "--dry-run", "--force", "--no-git", "p", cwd=tmp_path)
    assert dry.returncode == 0
    assert snapshot(p) == before
    assert "Nothing was written." in dry.stdout
    real = run(shell, "--force", "--no-git", "p", cwd=tmp_path)

    def lines(stdout):
        return [re.sub(r"\d{8}-\d{6}", "STAMP", line) for line in stdout.splitlines() if re.match(r"^ +[a-z]+  ", line)]

    assert lines(dry.stdout) == lines(real.stdout)
    assert status_lines(dry.stdout) == {
        **{path: "identical" for path in expected_tree()},
        "README.md": "replaced",
        "requirements.txt": "create",
        ".gitignore": "merged",
    }


def test_dry_run_into_a_missing_folder_creates_nothing(tmp_path, shell):
    result = run(shell, "--dry-run", "new/deep", cwd=tmp_path)
    assert result.returncode == 0
    assert os.listdir(tmp_path) == []
    statuses = status_lines(result.stdout)
    assert statuses["new/deep/"] == "create"
    assert statuses[".git/"] == "create"
    assert statuses["src/app/main.py"] == "create"


def test_check_of_a_complete_project(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "README.md").write_text("mine\n")
    before = snapshot(p)
    result = run(shell, "--check", "p", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert snapshot(p) == before
    statuses = status_lines(result.stdout)
    assert statuses["README.md"] == "differs"
    assert statuses["src/app/main.py"] == "identical"
    assert "the structure is complete" in result.stdout


def test_check_finds_what_is_missing(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "src/app/modules/models.py").unlink()
    (p / ".gitignore").write_text("*.log\n")
    before = snapshot(p)
    result = run(shell, "--check", "p", cwd=tmp_path)
    assert result.returncode == 1
    assert snapshot(p) == before
    statuses = status_lines(result.stdout)
    assert statuses["src/app/modules/models.py"] == "missing"
    assert statuses[".gitignore"] == "incomplete"
    assert "1 missing, 1 incomplete" in result.stdout


def test_check_of_a_missing_folder(tmp_path, shell):
    result = run(shell, "--check", "nope", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "ds_shell.sh: error: 'nope' does not exist\n"
    assert os.listdir(tmp_path) == []


def test_check_reports_a_conflict(tmp_path, shell):
    p = make(tmp_path, shell)
    (p / "README.md").unlink()
    (p / "README.md").mkdir()
    result = run(shell, "--check", "p", cwd=tmp_path)
    assert result.returncode == 1
    assert status_lines(result.stdout)["README.md"] == "conflict"
