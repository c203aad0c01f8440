"""The generated project works: each file checked by the tool of its ecosystem.

A project is generated in a temporary folder; its notebooks run with nbclient,
its API answers under TestClient and under uvicorn, its package installs, its
Dockerfiles pass hadolint, its compose files and .gitlab-ci.yml validate
against their schemas, and git keeps what it should.
"""

from __future__ import annotations

import json
import os
import py_compile
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import joblib
import nbformat
import pandas as pd
import pytest
import yaml
from nbclient import NotebookClient
from packaging.utils import canonicalize_name

from conftest import run

BIN = Path(sys.executable).parent
NAME = "Churn.Model-2"
SLUG = "churn-model-2"
NOTEBOOKS = [
    "01_eda.ipynb",
    "02_data_imputation_model_build.ipynb",
    "03_data_preprocessing_final.ipynb",
    "04_model_training.ipynb",
    "workbench.ipynb",
]
MODEL_FOLDERS = ["current_models", "data_preprocessing_models", "deprecated_models", "test_models"]


def generate(parent: Path, name: str = NAME, *extra: str) -> Path:
    result = run(["sh"], "--no-git", "-q", "--name", name, *extra, "project", cwd=parent)
    assert result.returncode == 0, result.stderr
    return parent / "project"


@pytest.fixture
def project(tmp_path) -> Path:
    return generate(tmp_path)


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory) -> Path:
    """One project for the read-only checks."""
    return generate(tmp_path_factory.mktemp("shared"))


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is missing from the test environment (tests/requirements.txt)"
    return str(path)


def models_dir(project: Path) -> Path:
    return project / "src/app/assets/models"


def training_frame(rows: int = 40) -> pd.DataFrame:
    """A small data set with a gap in it: x1 and x2 decide the target."""
    frame = pd.DataFrame(
        {
            "x1": [float(i % 10) for i in range(rows)],
            "x2": [float((i * 7) % 5) for i in range(rows)],
            "city": ["a" if i % 2 else "b" for i in range(rows)],
        }
    )
    frame["target"] = ((frame.x1 + frame.x2) > 6).astype(int)
    frame.loc[3, "x2"] = None
    return frame


# --- notebooks ---------------------------------------------------------------


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_is_valid_nbformat_4_5(shared_project, notebook):
    nb = nbformat.read(shared_project / "notebooks" / notebook, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    assert nb.metadata.kernelspec.name == "python3"
    title = nb.cells[0]
    assert title.cell_type == "markdown" and title.source.startswith(f"# {NAME}: ")
    setup = nb.cells[1]
    assert setup.cell_type == "code" and "from modules import" in setup.source
    assert all(cell.get("outputs", []) == [] for cell in nb.cells), "shipped notebooks carry no outputs"


@pytest.fixture
def jupyter_env(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "jupyter-runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    monkeypatch.delenv("PYTHONPATH", raising=False)


def execute(project: Path, notebook: str) -> str:
    """Runs NOTEBOOK top to bottom, in its own folder as Jupyter does; returns its text output."""
    path = project / "notebooks" / notebook
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                texts.append(output.text)
            elif "data" in output and "text/plain" in output.data:
                texts.append(output.data["text/plain"])
    return "".join(texts)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_on_a_fresh_project_and_says_where_the_data_goes(project, jupyter_env, notebook):
    text = execute(project, notebook)
    assert f"No data yet: put a .csv or .parquet file in {project.resolve() / 'data'}, then run again." in text


def test_notebooks_in_order_build_the_preprocessing_and_a_model_the_api_serves(project, jupyter_env, api):
    training_frame().to_csv(project / "data" / "train.csv", index=False)
    outputs = {notebook: execute(project, notebook) for notebook in NOTEBOOKS}
    assert "train.csv: 40 rows, 4 columns" in outputs["01_eda.ipynb"]
    assert "Missing values per column:" in outputs["01_eda.ipynb"]
    assert "Imputer for ['x1', 'x2'] saved in" in outputs["02_data_imputation_model_build.ipynb"]
    assert "Missing values left: 0" in outputs["03_data_preprocessing_final.ipynb"]
    assert "Accuracy on held-out data:" in outputs["04_model_training.ipynb"]
    assert sorted(os.listdir(models_dir(project) / "data_preprocessing_models")) == [".gitkeep", "01_imputer.joblib"]
    trained = models_dir(project) / "test_models" / "model.joblib"
    assert trained.is_file()
    # Promoted, as the life cycle says, and served.
    shutil.move(trained, models_dir(project) / "current_models" / "model.joblib")
    with api(project) as client:
        response = client.post("/predict", json=[{"x1": 9.0, "x2": None, "city": "a"}, {"x1": 0.0, "x2": 0.0, "city": "b"}])
        assert response.status_code == 200, response.text
        assert response.json()["model"] == "model.joblib"
        assert response.json()["predictions"] == [1, 0]


# --- Python -------------------------------------------------------------------


def test_generated_python_passes_ruff(shared_project):
    result = subprocess.run([tool("ruff"), "check", "--isolated", "--no-cache", "."], cwd=shared_project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout


def test_generated_python_compiles(shared_project, tmp_path):
    sources = sorted(shared_project.rglob("*.py"))
    assert len(sources) == 5
    for source in sources:
        py_compile.compile(str(source), cfile=str(tmp_path / "x.pyc"), doraise=True)


@pytest.fixture
def api(monkeypatch):
    """Imports a project's app in this process; `with api(project) as client` starts it."""
    from fastapi.testclient import TestClient

    def start(project: Path) -> TestClient:
        for name in [m for m in sys.modules if m == "main" or m == "modules" or m.startswith("modules.")]:
            del sys.modules[name]
        monkeypatch.syspath_prepend(str(project / "src/app"))
        import main

        return TestClient(main.app)

    yield start
    for name in [m for m in sys.modules if m == "main" or m == "modules" or m.startswith("modules.")]:
        del sys.modules[name]


def test_health_lists_every_model_folder(project, api):
    with api(project) as client:
        response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": None, "models": {"current": [], "test": [], "deprecated": [], "data_preprocessing": []}}


def test_predict_without_a_model_answers_503_and_says_what_to_do(project, api):
    with api(project) as client:
        response = client.post("/predict", json=[{"x1": 1.0}])
    assert response.status_code == 503
    assert response.json()["error"] == "no model is being served"
    assert "current_models" in response.json()["detail"]


@pytest.mark.parametrize("body", ['{"x1": 1}', "[]", '"x"', "[1, 2]", "not json"])
def test_malformed_body_gets_422(project, api, body):
    with api(project) as client:
        response = client.post("/predict", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "detail" in response.json()


def trained_pipeline():
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    frame = training_frame().dropna()
    features = frame[["x1", "x2"]]
    return make_pipeline(StandardScaler(), LogisticRegression()).fit(features, frame.target), features


def test_a_trained_model_in_current_models_gives_its_predictions_after_a_restart(project, api):
    pipeline, features = trained_pipeline()
    with api(project) as client:
        assert client.post("/predict", json=[{"x1": 1.0, "x2": 2.0}]).status_code == 503
        joblib.dump(pipeline, models_dir(project) / "current_models" / "churn-2026-01.joblib")
        assert client.post("/predict", json=[{"x1": 1.0, "x2": 2.0}]).status_code == 503, "loaded once, at start-up"
    with api(project) as client:
        health = client.get("/health").json()
        assert health["model"] == "churn-2026-01.joblib"
        records = features.head(12).to_dict(orient="records")
        records = [{"x2": r["x2"], "x1": r["x1"], "extra": "ignored"} for r in records]
        response = client.post("/predict", json=records)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "model": "churn-2026-01.joblib",
        "predictions": pipeline.predict(features.head(12)).tolist(),
    }


def test_records_that_lack_a_feature_get_422_naming_it(project, api):
    pipeline, _ = trained_pipeline()
    joblib.dump(pipeline, models_dir(project) / "current_models" / "model.joblib")
    with api(project) as client:
        response = client.post("/predict", json=[{"x1": 1.0}])
    assert response.status_code == 422
    assert response.json()["detail"] == "the records do not fit the model: the data lacks the column(s): x2"


def test_saved_preprocessing_is_applied_before_the_model(project, api):
    from sklearn.impute import SimpleImputer

    pipeline, _ = trained_pipeline()
    frame = training_frame()
    imputer = SimpleImputer(strategy="constant", fill_value=100.0).set_output(transform="pandas").fit(frame[["x2"]])
    joblib.dump(imputer, models_dir(project) / "data_preprocessing_models" / "01_imputer.joblib")
    joblib.dump(pipeline, models_dir(project) / "current_models" / "model.joblib")
    with api(project) as client:
        response = client.post("/predict", json=[{"x1": 0.0, "x2": None}])
    assert response.status_code == 200, response.text
    expected = pipeline.predict(pd.DataFrame({"x1": [0.0], "x2": [100.0]}))
    assert response.json()["predictions"] == expected.tolist()


def test_current_model_setting_picks_the_served_model(project, api, monkeypatch):
    pipeline, _ = trained_pipeline()
    for name in ["a.joblib", "b.joblib"]:
        joblib.dump(pipeline, models_dir(project) / "current_models" / name)
    with api(project) as client:
        assert client.get("/health").json()["model"] == "b.joblib"
    monkeypatch.setenv("CURRENT_MODEL", "a.joblib")
    with api(project) as client:
        assert client.get("/health").json()["model"] == "a.joblib"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(method: str, url: str, body: bytes | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, method=method, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class Uvicorn:
    """uvicorn main:app, started from src/app as the README says, on 127.0.0.1."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        self.server = subprocess.Popen(
            [tool("uvicorn"), "main:app", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=project / "src/app", env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )

    def __enter__(self):
        deadline = time.monotonic() + 30
        while True:
            try:
                http("GET", f"{self.base}/health")
                return self
            except (urllib.error.URLError, ConnectionError):
                assert self.server.poll() is None, self.server.stdout.read().decode()
                assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
                time.sleep(0.1)

    def __exit__(self, *exc):
        self.server.terminate()
        self.server.wait(timeout=10)

    def get(self, path):
        return http("GET", self.base + path)

    def post(self, path, body: bytes):
        return http("POST", self.base + path, body)


def test_api_under_uvicorn_answers_503_then_serves_a_model_after_a_restart(project):
    with Uvicorn(project) as server:
        status, body = server.get("/health")
        assert status == 200 and body["model"] is None
        assert server.post("/predict", b'[{"x1": 1.0, "x2": 2.0}]')[0] == 503
        assert server.post("/predict", b'{"x1": 1.0}')[0] == 422
    pipeline, features = trained_pipeline()
    joblib.dump(pipeline, models_dir(project) / "current_models" / "model.joblib")
    with Uvicorn(project) as server:
        records = json.dumps(features.head(8).to_dict(orient="records")).encode()
        status, body = server.post("/predict", records)
    assert status == 200
    assert body == {"model": "model.joblib", "predictions": pipeline.predict(features.head(8)).tolist()}


def test_models_module_finds_its_folders_from_anywhere(shared_project, tmp_path):
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from modules import models\n"
        "print(models.MODELS_DIR)\n"
        "print(models.all_models())\n"
        "try:\n    models.load_model()\nexcept models.NoModelError as e:\n    print(e)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(shared_project / "src/app")], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(shared_project.resolve() / "src/app/assets/models")
    assert lines[1] == "{'current': [], 'test': [], 'deprecated': [], 'data_preprocessing': []}"
    assert lines[2].startswith(f"no model in {shared_project.resolve() / 'src/app/assets/models/current_models'}: save one there")


def test_data_pre_keeps_the_columns_a_step_does_not_touch(shared_project, monkeypatch):
    from sklearn.impute import SimpleImputer

    monkeypatch.syspath_prepend(str(shared_project / "src/app"))
    for name in [m for m in sys.modules if m == "modules" or m.startswith("modules.")]:
        del sys.modules[name]
    from modules import data_pre

    frame = data_pre.records_to_frame([{"a": 1.0, "b": None, "c": "x"}, {"a": 3.0, "b": 4.0, "c": "y"}])
    imputer = SimpleImputer(strategy="mean").fit(frame[["a", "b"]])  # numpy output, named by the step
    out = data_pre.preprocess(frame, [imputer])
    assert out.to_dict(orient="list") == {"c": ["x", "y"], "a": [1.0, 3.0], "b": [4.0, 4.0]}
    with pytest.raises(ValueError, match=r"the data lacks the column\(s\): b"):
        data_pre.preprocess(frame[["a", "c"]], [imputer])
    assert data_pre.load_dataset(shared_project / "data") is None
    for name in [m for m in sys.modules if m == "modules" or m.startswith("modules.")]:
        del sys.modules[name]


def test_pip_install_src_makes_modules_importable_from_another_folder(shared_project, tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(wheels), "./src"],
        cwd=shared_project, capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = wheels.glob("*.whl")
    assert wheel.name.startswith("churn_model_2-0.1.0-")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(n for n in archive.namelist() if n.endswith("/METADATA"))).decode()
    requires = [line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist: ")]
    wanted = [line for line in (shared_project / "src/requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert [canonicalize_name(re.split(r"[\[<>=]", r)[0]) for r in requires] == [canonicalize_name(re.split(r"[\[<>=]", w)[0]) for w in wanted]
    assert f"Name: {NAME}" in metadata
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check = subprocess.run([str(venv / "bin/python"), "-c", "import modules; print(modules.__file__)"], cwd=elsewhere, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip().startswith(str(venv / "lib"))


# --- containers and CI ----------------------------------------------------------


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "src/Dockerfile"])
def test_dockerfile_passes_hadolint_with_no_rule_ignored(shared_project, dockerfile):
    assert not list(shared_project.rglob(".hadolint.y*ml"))
    result = subprocess.run(
        [tool("hadolint"), "--no-color", "--failure-threshold", "style", dockerfile],
        cwd=shared_project, capture_output=True, text=True, env={"PATH": os.environ["PATH"], "HOME": str(shared_project)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_api_dockerfile_follows_fastapis_container_guide(shared_project):
    text = (shared_project / "src/Dockerfile").read_text()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "FROM python:3.12-slim"
    order = [i for i, line in enumerate(lines) if line.startswith(("COPY requirements.txt", "RUN pip install", "COPY app"))]
    assert [lines[i].split()[0:2] for i in order] == [["COPY", "requirements.txt"], ["RUN", "pip"], ["COPY", "app"]]
    assert "--no-cache-dir" in next(line for line in lines if line.startswith("RUN pip install"))
    assert json.loads(lines[-1][len("CMD "):]) == ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "80"]
    user = [line for line in lines if line.startswith("USER ")]
    assert user and user[-1] not in ("USER root", "USER 0")


def test_notebook_dockerfile_builds_on_the_maintained_jupyter_image(shared_project):
    text = (shared_project / "Dockerfile").read_text()
    assert "FROM quay.io/jupyter/scipy-notebook:python-3.12\n" in text
    assert "pip install --no-cache-dir -r /tmp/requirements.txt" in text
    for path in shared_project.rglob("*"):
        if path.is_file():
            assert "JUPYTER_ENABLE_LAB" not in path.read_text(), path
            assert "tiangolo/" not in path.read_text(), path


@pytest.mark.parametrize("compose", ["notebook-docker-compose.yml", "src/fastapi-docker-compose.yml"])
def test_compose_file_validates_against_the_compose_specification(shared_project, compose):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", compose], cwd=shared_project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load((shared_project / compose).read_text())
    assert "version" not in data
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", data["name"])
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        config = subprocess.run(["docker", "compose", "-f", compose, "config", "--quiet"], cwd=shared_project, capture_output=True, text=True)
        assert config.returncode == 0, config.stderr


def test_api_compose_mounts_the_code_reloads_and_reads_env(shared_project):
    api = yaml.safe_load((shared_project / "src/fastapi-docker-compose.yml").read_text())["services"]["api"]
    assert api["build"] == "."
    assert api["ports"] == ["8002:80"]
    assert api["env_file"] == ["app/.env"]
    assert api["volumes"] == ["./app:/code/app"]
    assert "--reload" in api["command"]
    assert (shared_project / "src" / api["env_file"][0]).is_file()


def test_notebook_compose_builds_the_image_and_mounts_the_project(shared_project):
    data = yaml.safe_load((shared_project / "notebook-docker-compose.yml").read_text())
    service = data["services"]["notebook"]
    assert service["build"] == "."
    assert service["ports"] == ["8888:8888"]
    assert service["volumes"] == [".:/home/jovyan/work"]
    assert service["environment"]["PYTHONPATH"] == "/home/jovyan/work/src/app"


def test_gitlab_ci_validates_and_builds_src_on_the_default_branch(shared_project):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", ".gitlab-ci.yml"], cwd=shared_project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    job = yaml.safe_load((shared_project / ".gitlab-ci.yml").read_text())["build-api-image"]
    assert "kaniko" not in job["image"] and job["image"].startswith("quay.io/buildah/stable:v")
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    script = "\n".join(job["script"])
    assert re.search(r"buildah build .* src$", script, re.M)
    assert "buildah push" in script and "$CI_REGISTRY_IMAGE" in job["variables"]["API_IMAGE"]
    assert "Kaniko" in (shared_project / "README.md").read_text()


def test_dockerignore_keeps_secrets_caches_and_notebooks_out(shared_project):
    patterns = (shared_project / "src/.dockerignore").read_text().split()
    for pattern in ["**/.env", "**/.env.*", "**/__pycache__", "**/*.py[cod]", "**/*.ipynb", "**/.ipynb_checkpoints"]:
        assert pattern in patterns


# --- git, bytes, names ------------------------------------------------------------


def git(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)


def test_git_ignores_secrets_and_caches_but_keeps_data_models_and_gitkeeps(project):
    git(project, "init", "-q")
    for path in ["src/app/__pycache__/main.cpython-312.pyc", "notebooks/.ipynb_checkpoints/x.ipynb", ".venv/bin/python", "data/raw.csv:Zone.Identifier"]:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text("x")
    for path in ["data/train.csv", "src/app/assets/models/current_models/model.joblib"]:
        (project / path).write_text("x")
    git(project, "add", "-A")
    tracked = set(git(project, "ls-files").stdout.split())
    assert "src/app/.env" not in tracked
    for folder in ["data", "references", *(f"src/app/assets/models/{f}" for f in MODEL_FOLDERS)]:
        assert f"{folder}/.gitkeep" in tracked
    assert {"data/train.csv", "src/app/assets/models/current_models/model.joblib", ".gitlab-ci.yml"} <= tracked
    assert not any("__pycache__" in p or ".ipynb_checkpoints" in p or p.startswith(".venv") or "Zone.Identifier" in p for p in tracked)
    assert git(project, "check-ignore", "-q", "src/app/.env").returncode == 0


@pytest.mark.parametrize("name", ["a", "Churn.Model-2", "x_y.z-1", "ABC", "my--odd..name"])
def test_no_crlf_no_placeholder_and_valid_names(tmp_path, name):
    project = generate(tmp_path, name, "--python", "3.13")
    for path in project.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"\r\n" not in data, path
            assert not re.search(rb"\{\{[A-Z_]+\}\}", data), path
    setup = (project / "src/setup.py").read_text()
    dist = re.search(r'name="([^"]+)"', setup).group(1)
    assert dist == name
    assert re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?", dist), "PEP 508 name"
    for compose in ["notebook-docker-compose.yml", "src/fastapi-docker-compose.yml"]:
        assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", yaml.safe_load((project / compose).read_text())["name"])
    image = re.search(r"docker build -t (\S+) src", (project / "README.md").read_text()).group(1)
    assert re.fullmatch(r"[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*", image), image
    assert "FROM python:3.13-slim" in (project / "src/Dockerfile").read_text()


# --- the generated README -----------------------------------------------------------

# Each command of the generated README, and the test above that runs or validates it.
README_COMMANDS = {
    "docker compose -f notebook-docker-compose.yml up --build": "test_compose_file_validates_against_the_compose_specification, test_dockerfile_passes_hadolint_with_no_rule_ignored",
    "python -m venv .venv && . .venv/bin/activate": "test_pip_install_src_makes_modules_importable_from_another_folder",
    "pip install -r src/requirements.txt -r requirements.txt jupyterlab": "test_requirements_files_are_installable_names",
    "jupyter lab": "test_notebook_runs_on_a_fresh_project_and_says_where_the_data_goes",
    "docker compose -f src/fastapi-docker-compose.yml up --build": "test_compose_file_validates_against_the_compose_specification",
    "pip install -r src/requirements.txt": "test_requirements_files_are_installable_names",
    "cd src/app && uvicorn main:app --reload": "test_api_under_uvicorn_answers_503_then_serves_a_model_after_a_restart",
    "curl -X POST http://localhost:8000/predict -H 'Content-Type: application/json' -d '[{\"feature_1\": 1.0}]'": "test_a_trained_model_in_current_models_gives_its_predictions_after_a_restart",
    "pip install ./src": "test_pip_install_src_makes_modules_importable_from_another_folder",
    f"docker build -t {SLUG}-api src": "test_dockerfile_passes_hadolint_with_no_rule_ignored",
    f"docker run --rm -p 8002:80 {SLUG}-api": "test_api_dockerfile_follows_fastapis_container_guide",
}


def test_every_readme_command_is_one_the_tests_run_or_validate(shared_project):
    readme = (shared_project / "README.md").read_text()
    quick_start = readme[readme.index("## Quick start") :]
    commands = [line[4:] for line in quick_start.splitlines() if line.startswith("    ")]
    assert commands == list(README_COMMANDS)
    for covering in README_COMMANDS.values():
        for test in covering.split(", "):
            assert test in globals(), test


def test_readme_names_the_project_and_the_life_cycle(shared_project):
    readme = (shared_project / "README.md").read_text()
    assert readme.startswith(f"# {NAME}\n")
    assert "## Model life cycle" in readme
    assert readme.index("test_models") < readme.index("current_models") < readme.index("deprecated_models")


def test_requirements_files_are_installable_names(shared_project):
    """The requirement lines parse, and the API's name what it imports."""
    from packaging.requirements import Requirement

    api = [Requirement(line) for line in (shared_project / "src/requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert {canonicalize_name(r.name) for r in api} == {"fastapi", "uvicorn", "scikit-learn", "pandas", "joblib"}
    assert all(r.specifier and all(s.operator == ">=" for s in r.specifier) for r in api), "lower bounds only"
    notebook = [Requirement(line) for line in (shared_project / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]
    assert notebook
