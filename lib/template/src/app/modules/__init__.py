"""Code shared by the notebooks and the API of {{PROJECT_NAME}}.

models    the model folders in app/assets/models, and loading models from them
data_pre  turning records into the model's input, with the saved preprocessing
"""
