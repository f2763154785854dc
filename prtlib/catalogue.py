"""The course's lessons in order: number, file, title, time and what each teaches.

One list serves the README, the instructor guide and lesson 00's learning path, and a
test keeps them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Lesson:
    number: str
    slug: str
    title: str
    minutes: int
    teaches: str

    @property
    def filename(self) -> str:
        return f"{self.number}_{self.slug}.ipynb"

    def available(self, root: Path | None = None) -> bool:
        """True when the lesson's notebook is in ``course/``."""
        root = root or Path(__file__).resolve().parents[1]
        return (root / "course" / self.filename).exists()


LESSONS = (
    Lesson("00", "start_here", "Start here", 20,
           "what the course is, the trial at a glance, how explorers and checks work"),
    Lesson("01", "chronic_back_pain", "Chronic back pain", 50,
           "primary chronic back pain, fear and threat beliefs, what PRT does, who took part"),
    Lesson("02", "randomized_designs", "How a randomized trial earns its conclusions", 60,
           "confounding, regression to the mean, control arms, allocation, intention to treat"),
    Lesson("03", "effect_sizes", "Effect sizes", 60,
           "raw and standardized differences, change-score g, intervals, responders, NNT"),
    Lesson("04", "power_and_precision", "Power, precision and the winner's curse", 60,
           "power analysis, multi-arm simulation, precision, type S and type M errors"),
    Lesson("05", "durability_and_missing_data", "Durability and missing data", 55,
           "follow-up, attrition, MCAR/MAR/MNAR, mixed models, responder analyses"),
    Lesson("06", "mechanisms_and_mediation", "Mechanisms and mediation", 50,
           "fear-of-movement beliefs, mediation paths, why mediation is not mechanism"),
    Lesson("07", "fmri_evoked_pain", "fMRI I: evoked back pain", 60,
           "BOLD, the GLM, regions of interest, multiple comparisons, the trial's results"),
    Lesson("08", "fmri_connectivity_and_inference", "fMRI II: connectivity and inference", 55,
           "seed connectivity, reverse inference, circularity, small samples"),
    Lesson("09", "reading_the_evidence", "Reading the evidence", 50,
           "a news error, the paper's inconsistencies, generalizability, risk of bias"),
)


def lesson(number: str) -> Lesson:
    """Look a lesson up by its two-digit number.

    Examples
    --------
    >>> lesson("03").title
    'Effect sizes'
    """
    for item in LESSONS:
        if item.number == number:
            return item
    known = ", ".join(item.number for item in LESSONS)
    raise ValueError(f"number must be one of {known}; got {number!r}.")


@dataclass(frozen=True)
class LessonHeader:
    """What a lesson's first cell promises: its time, prerequisites and objectives."""

    minutes: int
    prerequisites: str
    objectives: tuple[str, ...]


def read_header(item: Lesson, root: Path | None = None) -> LessonHeader:
    """Read the time, prerequisites and objectives from a lesson notebook's first cell.

    Every lesson opens with the same anatomy: ``**Estimated time:** N minutes ·
    **Prerequisites:** ...`` and a numbered list under ``**By the end of this lesson you
    will be able to**``. The instructor guide and the README are checked against it.

    Raises
    ------
    ValueError
        If the notebook is missing or its first cell does not follow that anatomy.

    Examples
    --------
    >>> header = read_header(lesson("00"))
    >>> header.minutes, len(header.objectives) >= 3
    (20, True)
    """
    import json
    import re

    root = root or Path(__file__).resolve().parents[1]
    path = root / "course" / item.filename
    if not path.exists():
        raise ValueError(f"lesson {item.number} has no notebook at {path}.")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "".join(cells[0]["source"])
    marker = "**By the end of this lesson you will be able to**"
    head, _, goals = text.partition(marker)
    head = re.sub(r"\s+", " ", head)
    time = re.search(r"\*\*Estimated time:\*\* (\d+) minutes", head)
    prereq = re.search(r"\*\*Prerequisites:\*\* (.+?)\s*$", head)
    objectives = []
    for line in goals.splitlines():
        item = re.match(r"^\d+\.\s+(.*)$", line)
        if item:
            objectives.append(item.group(1).strip())
        elif objectives and line.startswith(" ") and line.strip():
            objectives[-1] += " " + line.strip()
        elif objectives and not line.strip():
            break
    if not (time and prereq and objectives):
        raise ValueError(
            f"the first cell of {path.name} must give '**Estimated time:** N minutes', "
            f"'**Prerequisites:** ...' and a numbered list under '{marker}'."
        )
    objectives = tuple(objectives)
    return LessonHeader(int(time.group(1)), prereq.group(1).strip(), objectives)
