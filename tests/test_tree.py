"""What a run creates: exactly the layout, with the template's bytes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess

from conftest import SHELL_COMMANDS, clean_env, expected_files, expected_tree, fingerprint, matrix, read_files, run, status_lines, tree


def test_creates_exactly_the_layout(tmp_path, shell, umask022):
    result = run(shell, "--no-git", "churn", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert tree(tmp_path / "churn") == expected_tree()


def test_every_file_is_the_rendered_template(tmp_path, shell):
    assert run(shell, "--no-git", "--name", "Churn.Model-2", "--python", "3.11", "p", cwd=tmp_path).returncode == 0
    assert read_files(tmp_path / "p") == expected_files("Churn.Model-2", "3.11")


def test_placeholders_are_filled_in(tmp_path, shell):
    assert run(shell, "--no-git", "--name", "Churn.Model-2", "--python", "3.11", "p", cwd=tmp_path).returncode == 0
    p = tmp_path / "p"
    for path, content in read_files(p).items():
        assert b"{{" not in content, path
    assert "FROM python:3.11-slim\n" in (p / "src/Dockerfile").read_text()
    assert 'name="Churn.Model-2",' in (p / "src/setup.py").read_text()
    assert "name: churn-model-2-api\n" in (p / "src/fastapi-docker-compose.yml").read_text()
    assert (p / "README.md").read_text().startswith("# Churn.Model-2\n")


def test_default_python_is_3_12(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    assert "FROM python:3.12-slim\n" in (tmp_path / "p/src/Dockerfile").read_text()


def test_modes_follow_the_umask_but_env_is_private(tmp_path, shell, umask022):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    p = tmp_path / "p"
    for path in tree(p):
        mode = stat.S_IMODE((p / path).stat().st_mode)
        if path == "src/app/.env":
            assert mode == 0o600
        elif path.endswith("/"):
            assert mode == 0o755, path
        else:
            assert mode == 0o644, path


def test_every_folder_that_would_be_empty_has_a_gitkeep(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    p = tmp_path / "p"
    for path in tree(p):
        if path.endswith("/"):
            children = os.listdir(p / path)
            assert children, path
            if not any((p / path / c).is_dir() for c in children) and children != [".gitkeep"]:
                assert ".gitkeep" not in children, f"{path} has files and needs no .gitkeep"


def test_status_line_for_every_path(tmp_path, shell):
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    statuses = status_lines(result.stdout)
    assert statuses == {"p/": "create", **{path: "create" for path in expected_tree()}}


def test_summary_with_next_steps(tmp_path, shell):
    result = run(shell, "--no-git", "my proj'x", "--name", "proj", cwd=tmp_path)
    assert result.returncode == 0
    assert f"Project 'proj' is ready in my proj'x: {len(expected_tree()) + 1} created.\n" in result.stdout
    assert "Next steps:\n  cd 'my proj'\\''x'\n" in result.stdout


def test_notebooks_are_nbformat_4_json(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    for path in (tmp_path / "p/notebooks").iterdir():
        notebook = json.loads(path.read_text())
        assert notebook["nbformat"] == 4 and notebook["nbformat_minor"] >= 5, path
        assert notebook["metadata"]["kernelspec"]["name"] == "python3"
        assert notebook["cells"][0]["cell_type"] == "markdown"
        ids = [cell["id"] for cell in notebook["cells"]]
        assert len(set(ids)) == len(ids)


def test_compose_files_have_no_version_key_and_the_api_dockerfile_is_in_src(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    p = tmp_path / "p"
    for compose in ["notebook-docker-compose.yml", "src/fastapi-docker-compose.yml"]:
        assert not any(line.startswith("version:") for line in (p / compose).read_text().splitlines())
    assert "FROM python:" in (p / "src/Dockerfile").read_text()
    assert "FROM quay.io/jupyter/scipy-notebook:" in (p / "Dockerfile").read_text()


def test_main_py_starts_a_fastapi_app(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    main = (tmp_path / "p/src/app/main.py").read_text()
    assert "app = FastAPI(" in main
    compile(main, "main.py", "exec")


GITIGNORE_ENTRIES = [
    ".env", ".env.*", "!.env.example", ".ipynb_checkpoints/", "__pycache__/", "*.py[cod]", ".venv/", "venv/",
    "*.egg-info/", "build/", "dist/", ".pytest_cache/", ".DS_Store", "Thumbs.db", "*:Zone.Identifier",
]


def test_gitignore_has_the_entries_and_ignores_no_data_or_model(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    p = tmp_path / "p"
    lines = (p / ".gitignore").read_text().splitlines()
    for entry in GITIGNORE_ENTRIES:
        assert entry in lines, entry
    subprocess.run(["git", "init", "-q"], cwd=p, check=True)
    ignored = ["src/app/.env", ".env.local", "x/__pycache__/", "m.pyc", ".venv/", "a.egg-info/", "n/.ipynb_checkpoints/", "a:Zone.Identifier", "Thumbs.db"]
    kept = ["data/train.csv", "src/app/assets/models/current_models/model.joblib", ".env.example", "notebooks/01_eda.ipynb"]
    check = subprocess.run(["git", "check-ignore", "--no-index", *ignored, *kept], cwd=p, capture_output=True, text=True)
    assert check.stdout.split() == ignored


def test_gitattributes_asks_for_lf(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    assert "* text=auto eol=lf\n" in (tmp_path / "p/.gitattributes").read_text()


def test_dockerignore_keeps_env_out(tmp_path, shell):
    assert run(shell, "--no-git", "p", cwd=tmp_path).returncode == 0
    assert "**/.env\n" in (tmp_path / "p/src/.dockerignore").read_text()


def test_every_shell_makes_the_same_project(tmp_path):
    shells = [name for name in matrix() if shutil.which(SHELL_COMMANDS[name][0])]
    prints = {}
    for name in shells:
        out = tmp_path / name
        result = run(SHELL_COMMANDS[name], "--no-git", "--name", "same", str(out), cwd=tmp_path)
        assert result.returncode == 0, (name, result.stderr)
        prints[name] = fingerprint(out)
    assert len(prints) >= 1
    reference = prints[shells[0]]
    for name in shells[1:]:
        assert prints[name] == reference, name


def test_same_output_text_under_every_shell(tmp_path):
    shells = [name for name in matrix() if shutil.which(SHELL_COMMANDS[name][0])]
    outputs = set()
    for name in shells:
        (tmp_path / name).mkdir()
        result = run(SHELL_COMMANDS[name], "--no-git", "p", cwd=tmp_path / name)
        outputs.add((result.returncode, result.stdout, result.stderr))
    assert len(outputs) == 1


def test_git_init_in_a_new_project(tmp_path, shell):
    result = run(shell, "p", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert status_lines(result.stdout)[".git/"] == "create"
    assert (tmp_path / "p/.git/HEAD").is_file()
    log = subprocess.run(["git", "rev-list", "--all"], cwd=tmp_path / "p", capture_output=True, text=True)
    assert log.stdout == "", "it must never commit"


def test_no_git_init_inside_a_work_tree(tmp_path, shell):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = run(shell, "sub", cwd=tmp_path)
    assert result.returncode == 0
    assert not (tmp_path / "sub/.git").exists()
    assert ".git/" not in status_lines(result.stdout)


def test_no_git_option(tmp_path, shell):
    result = run(shell, "--no-git", "p", cwd=tmp_path)
    assert not (tmp_path / "p/.git").exists()
    assert ".git/" not in status_lines(result.stdout)


def test_works_without_git(tmp_path, shell):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ["mkdir", "mv", "cp", "cmp", "chmod", "ls", "rm", "date", "id", "chown", "printf"]:
        os.symlink(shutil.which(tool), bin_dir / tool)
    env = clean_env(PATH=str(bin_dir))
    shell_path = [shutil.which(shell[0]), *shell[1:]]
    result = run(shell_path, "p", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "git is not installed: skipped git init" in result.stderr
    assert tree(tmp_path / "p") == expected_tree()
    assert not (tmp_path / "p/.git").exists()
