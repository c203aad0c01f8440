"""The {{PROJECT_NAME}} API: serves the model in assets/models/current_models.

Start it from src/app with:  uvicorn main:app --reload
GET /health     whether a model is served, and the models each folder holds
POST /predict   a JSON list of records (objects of feature values); answers
                one prediction per record, and the name of the model
Settings come from the environment (in development, from app/.env):
API_TITLE is the title of the docs page; CURRENT_MODEL names the file in
current_models to serve (default: the last one by name).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from modules import data_pre, models
from pydantic import BaseModel

logger = logging.getLogger("uvicorn.error")

Records = Annotated[
    list[dict[str, Any]],
    Body(min_length=1, examples=[[{"feature_1": 1.0, "feature_2": 0.5}]]),
]

NO_MODEL = {
    "error": "no model is being served",
    "detail": (
        "save a trained model in src/app/assets/models/current_models "
        "(notebooks/04_model_training.ipynb shows how), then restart the API"
    ),
}


class Predictions(BaseModel):
    model: str
    predictions: list[Any]


def load_current_model(app: FastAPI) -> None:
    """Loads the current model and the preprocessing, once, at start-up."""
    app.state.model = None
    app.state.model_name = None
    app.state.preprocessing = []
    try:
        path = models.model_path("current", os.environ.get("CURRENT_MODEL") or None)
    except models.NoModelError as error:
        logger.warning("%s", error)
        return
    app.state.model = models.load_model("current", path.name)
    app.state.model_name = path.name
    app.state.preprocessing = data_pre.load_preprocessing()
    logger.info("serving %s", path)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    load_current_model(app)
    yield


app = FastAPI(title=os.environ.get("API_TITLE") or "{{PROJECT_NAME}}", lifespan=lifespan)


@app.get("/health")
def health() -> dict[str, Any]:
    """Whether a model is served, and the model files of every folder."""
    return {"status": "ok", "model": app.state.model_name, "models": models.all_models()}


@app.post(
    "/predict",
    response_model=Predictions,
    responses={503: {"description": "No model is being served", "content": {"application/json": {"example": NO_MODEL}}}},
)
def predict(records: Records) -> Any:
    """The current model's prediction for each record."""
    model = app.state.model
    if model is None:
        return JSONResponse(status_code=503, content=NO_MODEL)
    try:
        frame = data_pre.preprocess(data_pre.records_to_frame(records), app.state.preprocessing)
        predictions = model.predict(data_pre.select_features(frame, model))
    except (KeyError, TypeError, ValueError) as error:
        raise HTTPException(status_code=422, detail=f"the records do not fit the model: {error}") from error
    return {"model": app.state.model_name, "predictions": predictions.tolist()}
