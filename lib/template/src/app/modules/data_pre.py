"""Preparing data for the model: the notebooks and the API call the same code.

records_to_frame turns request records (a list of dicts) into a DataFrame;
preprocess applies the fitted preprocessing models saved in
assets/models/data_preprocessing_models, in the order of their names
(for example 01_imputer.joblib, then 02_scaler.joblib).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from . import models


def records_to_frame(
    records: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """One row per record; with COLUMNS, exactly those columns in that order."""
    frame = pd.DataFrame.from_records(list(records))
    if columns is None:
        return frame
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"the records lack the column(s): {', '.join(missing)}")
    return frame.loc[:, list(columns)]


def load_preprocessing() -> list[Any]:
    """The fitted preprocessing models, in the order of their file names."""
    return [
        models.load_model("data_preprocessing", name)
        for name in models.list_models("data_preprocessing")
    ]


def preprocess(frame: pd.DataFrame, steps: Sequence[Any] | None = None) -> pd.DataFrame:
    """Applies each step's transform; STEPS default to the saved preprocessing models."""
    if steps is None:
        steps = load_preprocessing()
    for step in steps:
        transformed = step.transform(frame)
        if not isinstance(transformed, pd.DataFrame):
            transformed = pd.DataFrame(
                transformed, columns=step.get_feature_names_out(), index=frame.index
            )
        frame = transformed
    return frame
