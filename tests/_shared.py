"""Where the tests find the material that sits beside the repository in ``../shared``.

The public trial data and the facts file are never committed. The tests read the local copies
in ``../shared`` (or the folder named by ``PRTLIB_TEST_DATA_DIR``) and skip, with a reason,
the tests that need them when they are absent.
"""

import os
from pathlib import Path

from prtlib.trial.published import PUBLIC_DATA

ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = ROOT.parent / "shared"
DATA_DIR = Path(os.environ.get("PRTLIB_TEST_DATA_DIR") or SHARED_DIR / "data")
DATA_FILE = DATA_DIR / PUBLIC_DATA["filename"]
FACTS_FILE = SHARED_DIR / "reference" / "trial-facts.md"


# What every learner sees, on any screen: a conservative reading of the notebook's 13 px
# interface font, 7.5 px a character, plus about 30 px for a menu's padding and arrow (16 px
# for a button's padding).
def _px(value) -> float:
    return float(str(value).removesuffix("px"))


def _text_px(label: str, extra: float) -> float:
    return 7.5 * len(label) + extra


def assert_controls_fit_their_labels(explorer) -> None:
    """Every menu and toggle button of an explorer shows its longest label uncut, and no
    menu option has the value None (which ipywidgets shows as nothing selected)."""
    import ipywidgets as widgets

    for name, control in explorer.controls.items():
        if isinstance(control, widgets.Dropdown):
            labels = [str(label) for label in control._options_labels]
            assert None not in control._options_values, name
            description = control.style.description_width
            room = _px(control.layout.width) - (_px(description) if description else 0.0) - 4
            assert room >= max(_text_px(label, 30) for label in labels), name
        elif isinstance(control, widgets.ToggleButtons):
            labels = [str(label) for label in control._options_labels]
            assert _px(control.style.button_width) >= max(
                _text_px(label, 16) for label in labels), name
