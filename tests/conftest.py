"""Fixtures shared by the unit tests."""

import pytest
from _shared import DATA_DIR, DATA_FILE


@pytest.fixture(scope="session")
def public_trial_data():
    """The public de-identified trial data in long format, read from ../shared/data."""
    from prtlib.trial import cohort

    if not DATA_FILE.is_file():
        pytest.skip(f"the public trial data is not at {DATA_FILE} (set PRTLIB_TEST_DATA_DIR)")
    return cohort.public_trial(cache_dir=DATA_DIR)
