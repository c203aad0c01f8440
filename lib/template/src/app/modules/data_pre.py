"""Preparing data for the model: the notebooks and the API call the same code.

load_dataset    the first data set in data/, or None while there is none
records_to_frame    request records (a list of dicts) as a DataFrame
preprocess      applies the fitted preprocessing models saved in
                assets/models/data_preprocessing_models, in the order of
                their names (for example 01_imputer.joblib, 02_scaler.joblib)
select_features the columns a fitted model was trained on, in its order
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import models

DATA_DIR = models.APP_DIR.parent.parent / "data"
DATA_SUFFIXES = (".csv", ".parquet")


def load_dataset(data_dir: Path = DATA_DIR) -> tuple[Path, pd.DataFrame] | None:
    """The first .csv or .parquet file in DATA_DIR by name, read; None if there is none."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None
    paths = sorted(p for p in data_dir.iterdir() if p.suffix in DATA_SUFFIXES)
    if not paths:
        return None
    path = paths[0]
    frame = pd.read_csv(path) if path.suffix == ".csv" else pd.read_parquet(path)
    return path, frame


def records_to_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row per record, one column per key; JSON null becomes NaN, which
    imputers and models take for a missing value."""
    frame = pd.DataFrame.from_records(list(records))
    return frame.mask(frame.isna(), np.nan).infer_objects()


def require_columns(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Exactly COLUMNS, in that order; a clear error names the missing ones."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"the data lacks the column(s): {', '.join(map(str, missing))}")
    return frame.loc[:, list(columns)]


def load_preprocessing() -> list[Any]:
    """The fitted preprocessing models, in the order of their file names."""
    return [
        models.load_model("data_preprocessing", name)
        for name in models.list_models("data_preprocessing")
    ]


def apply_step(step: Any, frame: pd.DataFrame) -> pd.DataFrame:
    """Transforms the columns STEP was fitted on and keeps the others."""
    names = getattr(step, "feature_names_in_", None)
    subset = frame if names is None else require_columns(frame, list(names))
    transformed = step.transform(subset)
    if not isinstance(transformed, pd.DataFrame):
        transformed = pd.DataFrame(
            transformed, columns=step.get_feature_names_out(), index=frame.index
        )
    if names is None:
        return transformed
    return pd.concat([frame.drop(columns=list(names)), transformed], axis=1)


def preprocess(frame: pd.DataFrame, steps: Sequence[Any] | None = None) -> pd.DataFrame:
    """Applies each step in turn; STEPS default to the saved preprocessing models."""
    if steps is None:
        steps = load_preprocessing()
    for step in steps:
        frame = apply_step(step, frame)
    return frame


def select_features(frame: pd.DataFrame, model: Any) -> pd.DataFrame:
    """The columns MODEL was fitted on, in its order (all of FRAME if it does not say)."""
    names = getattr(model, "feature_names_in_", None)
    return frame if names is None else require_columns(frame, list(names))
