"""The model folders of the project, and saving and loading models in them.

Paths are resolved from this file's location, never from the working
directory: notebooks, tests, uvicorn and the container all start elsewhere.

Life cycle: a newly trained model is saved in test_models; once it is good
enough it moves to current_models, which the API serves; the model it
replaces moves to deprecated_models. data_preprocessing_models holds the
fitted imputers, scalers and encoders that prepare the model's input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib

APP_DIR = Path(__file__).resolve().parent.parent
MODELS_DIR = APP_DIR / "assets" / "models"

FOLDERS = {
    "current": MODELS_DIR / "current_models",
    "test": MODELS_DIR / "test_models",
    "deprecated": MODELS_DIR / "deprecated_models",
    "data_preprocessing": MODELS_DIR / "data_preprocessing_models",
}

MODEL_SUFFIXES = (".joblib", ".pkl", ".pickle")


class NoModelError(LookupError):
    """A model folder holds no model file."""


def folder(kind: str) -> Path:
    """The folder of one kind of model: current, test, deprecated or data_preprocessing."""
    try:
        return FOLDERS[kind]
    except KeyError:
        raise ValueError(f"unknown model folder {kind!r}: use one of {sorted(FOLDERS)}") from None


def list_models(kind: str) -> list[str]:
    """The model files in a folder, by name."""
    path = folder(kind)
    if not path.is_dir():
        return []
    return sorted(p.name for p in path.iterdir() if p.is_file() and p.suffix in MODEL_SUFFIXES)


def all_models() -> dict[str, list[str]]:
    """The model files of every folder."""
    return {kind: list_models(kind) for kind in FOLDERS}


def model_path(kind: str = "current", name: str | None = None) -> Path:
    """The path of model NAME, or of the last one by name (name files so that the newest sorts last)."""
    names = list_models(kind)
    if not names:
        raise NoModelError(
            f"no model in {folder(kind)}: save one there with "
            f"modules.models.save_model(model, 'name.joblib', kind={kind!r})"
        )
    if name is None:
        name = names[-1]
    elif name not in names:
        raise NoModelError(f"no model {name!r} in {folder(kind)}; there are: {', '.join(names)}")
    return folder(kind) / name


def load_model(kind: str = "current", name: str | None = None) -> Any:
    """Loads a model saved with joblib."""
    return joblib.load(model_path(kind, name))


def save_model(model: Any, name: str, kind: str = "test") -> Path:
    """Saves MODEL with joblib as NAME in a model folder and returns its path."""
    if Path(name).suffix not in MODEL_SUFFIXES:
        name += ".joblib"
    path = folder(kind) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, path)
    return path
