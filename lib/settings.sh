# lib/settings.sh: the version and the defaults.
VERSION=1.0.0
DEFAULT_PYTHON=3.12
