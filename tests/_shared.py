"""Where the tests find the material that sits beside the repository in ``../shared``.

The public trial data and the facts file are never committed. The tests read the local copies
in ``../shared`` (or the folder named by ``PRTLIB_TEST_DATA_DIR``) and skip, with a reason,
the tests that need them when they are absent.
"""

import os
from pathlib import Path

from prtlib.published import PUBLIC_DATA

ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = ROOT.parent / "shared"
DATA_DIR = Path(os.environ.get("PRTLIB_TEST_DATA_DIR") or SHARED_DIR / "data")
DATA_FILE = DATA_DIR / PUBLIC_DATA["filename"]
FACTS_FILE = SHARED_DIR / "reference" / "trial-facts.md"
