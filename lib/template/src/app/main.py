"""The {{PROJECT_NAME}} API: serves the model in assets/models/current_models.

Run it from src/app with:  uvicorn main:app --reload
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from modules import data_pre, models

logger = logging.getLogger("uvicorn.error")


class PredictRequest(BaseModel):
    records: list[dict[str, Any]]


class PredictResponse(BaseModel):
    model: str
    predictions: list[Any]


def load_current_model(app: FastAPI) -> None:
    """Loads the current model and the preprocessing once, at start-up."""
    app.state.model = None
    app.state.model_name = None
    app.state.preprocessing = []
    try:
        path = models.model_path("current")
    except models.NoModelError as error:
        logger.warning("%s", error)
        return
    app.state.model = models.load_model("current", path.name)
    app.state.model_name = path.name
    app.state.preprocessing = data_pre.load_preprocessing()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    load_current_model(app)
    yield


app = FastAPI(title=os.environ.get("API_TITLE", "{{PROJECT_NAME}}"), lifespan=lifespan)


@app.get("/health")
def health() -> dict[str, Any]:
    """Says whether a model is served, and which models each folder holds."""
    return {"status": "ok", "model": app.state.model_name, "models": models.all_models()}


@app.post("/predict", response_model=PredictResponse)
def predict(request: PredictRequest) -> Any:
    """Predictions of the current model, one per record."""
    if app.state.model is None:
        return JSONResponse(
            status_code=503,
            content={
                "error": "no model is being served",
                "detail": (
                    "save a trained model in src/app/assets/models/current_models "
                    "(notebooks/04_model_training.ipynb shows how), then restart the API"
                ),
            },
        )
    frame = data_pre.records_to_frame(request.records)
    frame = data_pre.preprocess(frame, app.state.preprocessing)
    predictions = app.state.model.predict(frame)
    return {"model": app.state.model_name, "predictions": predictions.tolist()}
