"""The settings mypy's Django plugin imports: careerfit's own, with a throwaway key.

Production settings refuse to load without SECRET_KEY; the type check reads them only for
their shape, so it should need no secret and never sees a real one.
"""

import os

os.environ.setdefault("SECRET_KEY", "careerfit-type-check-only")

from careerfit.settings import *  # noqa: F403
