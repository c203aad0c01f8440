"""Installs the shared modules (app/modules) as the package "modules".

pip install ./src   makes "import modules" work from any folder.
The requirements are read from requirements.txt, so they live in one place.
"""

from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def read_requirements():
    lines = (HERE / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


setup(
    name="{{PROJECT_NAME}}",
    version="0.1.0",
    description="Shared modules of the {{PROJECT_NAME}} model and API",
    package_dir={"": "app"},
    packages=["modules"],
    install_requires=read_requirements(),
    python_requires=">=3.10",
)
