"""The course's lessons in order: number, file, title, time and what each teaches.

One list serves the README, the instructor guide and lesson 00's learning path, and a
test keeps them in step. Times are not typed in anywhere: :func:`estimate_minutes` computes
them from what a learner meets in a notebook, ``make docs`` writes them into each
notebook's first cell (the one place a time is stated), and the README, the guide and its
syllabi are generated from the same rule.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

WORDS_PER_MINUTE = 130
"""Reading speed for the course's prose (markdown), in words a minute."""
SECONDS_PER_CODE_CELL = 45
"""Time to run a code cell and read what it prints or draws."""
MINUTES_PER_EXPLORER = 5
"""Time to play with one explorer (a code cell that builds a ``...Explorer(...)``)."""
MINUTES_PER_THINK = 2
"""Time to stop and answer one **Think!** prompt."""
MINUTES_PER_CHECK = 3
"""Exercise sets: time to work out one checked answer and act on the check's feedback."""
MINUTES_PER_WRITTEN_ANSWER = 5
"""Exercise sets: time to write one answer in words (a "Your answer" cell)."""

TIME_LINE = re.compile(r"\*\*Estimated time:\*\* (\d+) minutes")
"""How a notebook's first cell states its time."""

_EXPLORER = re.compile(r"\b\w+Explorer\(")
_CHECK = re.compile(r"""\bcheck\(\s*["'](\d\d\.\w+)["']""")


@dataclass(frozen=True)
class Lesson:
    number: str
    slug: str
    title: str
    teaches: str

    @property
    def filename(self) -> str:
        return f"{self.number}_{self.slug}.ipynb"

    def available(self, root: Path | None = None) -> bool:
        """True when the lesson's notebook is in ``course/``."""
        root = root or _root()
        return (root / "course" / self.filename).exists()

    @property
    def minutes(self) -> int:
        """The lesson's time, as its first cell states it (``make docs`` writes it there)."""
        return read_header(self).minutes

    @property
    def exercise_minutes(self) -> int:
        """The exercise set's time, as its master's first cell states it."""
        return read_set_minutes(self)


def _root() -> Path:
    return Path(__file__).resolve().parents[2]


LESSONS = (
    Lesson("00", "start_here", "Start here",
           "what the course is, the trial at a glance, how explorers and checks work"),
    Lesson("01", "chronic_back_pain", "Chronic back pain",
           "primary chronic back pain, fear and threat beliefs, what PRT does, who took part"),
    Lesson("02", "randomized_designs", "How a randomized trial earns its conclusions",
           "confounding, regression to the mean, control arms, allocation, intention to treat"),
    Lesson("03", "effect_sizes", "Effect sizes",
           "raw and standardized differences, change-score g, intervals, responders, NNT"),
    Lesson("04", "power_and_precision", "Power, precision and the winner's curse",
           "power analysis, multi-arm simulation, precision, type S and type M errors"),
    Lesson("05", "durability_and_missing_data", "Durability and missing data",
           "follow-up, attrition, MCAR/MAR/MNAR, mixed models, responder analyses"),
    Lesson("06", "mechanisms_and_mediation", "Mechanisms and mediation",
           "fear-of-movement beliefs, mediation paths, why mediation is not mechanism"),
    Lesson("07", "fmri_evoked_pain", "fMRI I: evoked back pain",
           "BOLD, the GLM, regions of interest, multiple comparisons, the trial's results"),
    Lesson("08", "fmri_connectivity_and_inference", "fMRI II: connectivity and inference",
           "seed connectivity, reverse inference, circularity, small samples"),
    Lesson("09", "reading_the_evidence", "Reading the evidence",
           "a news error, the paper's inconsistencies, generalizability, risk of bias"),
    Lesson("10", "reanalyse_the_trial", "Reanalyse the trial",
           "the public CC0 data: Table 2 and responders from the rows, change-score g, "
           "ANCOVA, a missing-data sensitivity analysis"),
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


def _cells(path: Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def read_header(item: Lesson, root: Path | None = None) -> LessonHeader:
    """Read the time, prerequisites and objectives from a lesson notebook's first cell.

    Every lesson opens with the same anatomy: ``**Estimated time:** N minutes ·
    **Prerequisites:** ...`` and a numbered list under ``**By the end of this lesson you
    will be able to**``. The prerequisites are the rest of the paragraph that holds
    ``**Prerequisites:**``; a paragraph after it (an opening story, say) is not part of
    them. The instructor guide and the README are checked against it.

    Raises
    ------
    ValueError
        If the notebook is missing or its first cell does not follow that anatomy.

    Examples
    --------
    >>> header = read_header(lesson("00"))
    >>> len(header.objectives) >= 3, header.minutes > 0, bool(header.prerequisites)
    (True, True, True)
    """
    root = root or _root()
    path = root / "course" / item.filename
    if not path.exists():
        raise ValueError(f"lesson {item.number} has no notebook at {path}.")
    text = _source(_cells(path)[0])
    marker = "**By the end of this lesson you will be able to**"
    head, _, goals = text.partition(marker)
    time = TIME_LINE.search(re.sub(r"\s+", " ", head))
    prereq = None
    for paragraph in re.split(r"\n[ \t]*\n", head):
        paragraph = re.sub(r"\s+", " ", paragraph).strip()
        prereq = re.search(r"\*\*Prerequisites:\*\* (.+?)\s*$", paragraph)
        if prereq:
            break
    objectives: list[str] = []
    for line in goals.splitlines():
        goal = re.match(r"^\d+\.\s+(.*)$", line)
        if goal:
            objectives.append(goal.group(1).strip())
        elif objectives and line.startswith(" ") and line.strip():
            objectives[-1] += " " + line.strip()
        elif objectives and not line.strip():
            break
    if not (time and prereq and objectives):
        raise ValueError(
            f"the first cell of {path.name} must give '**Estimated time:** N minutes', "
            f"'**Prerequisites:** ...' and a numbered list under '{marker}'."
        )
    return LessonHeader(int(time.group(1)), prereq.group(1).strip(), tuple(objectives))


def read_stated_minutes(path: Path) -> int:
    """The time a notebook's first cell states (``**Estimated time:** N minutes``).

    Raises
    ------
    ValueError
        If the first cell states no time.
    """
    match = TIME_LINE.search(_source(_cells(path)[0]))
    if not match:
        raise ValueError(f"the first cell of {Path(path).name} must state "
                         f"'**Estimated time:** N minutes'.")
    return int(match.group(1))


def read_set_minutes(item: Lesson, root: Path | None = None) -> int:
    """The time the first cell of a lesson's exercise master (``solutions/``) states."""
    root = root or _root()
    path = root / "solutions" / item.filename
    if not path.exists():
        raise ValueError(f"lesson {item.number} has no exercise master at {path}.")
    return read_stated_minutes(path)


# -- times from a rule ---------------------------------------------------------------------


@dataclass(frozen=True)
class TimeEstimate:
    """What a learner meets in one notebook, and the time the course's rule gives for it.

    ``minutes`` is ``raw_minutes`` rounded to the nearest 5 (halves up), and at least 5.
    """

    words: int
    code_cells: int
    explorers: int
    think_prompts: int
    checks: int = 0
    written_answers: int = 0

    @property
    def raw_minutes(self) -> float:
        return (self.words / WORDS_PER_MINUTE
                + self.code_cells * SECONDS_PER_CODE_CELL / 60
                + self.explorers * MINUTES_PER_EXPLORER
                + self.think_prompts * MINUTES_PER_THINK
                + self.checks * MINUTES_PER_CHECK
                + self.written_answers * MINUTES_PER_WRITTEN_ANSWER)

    @property
    def minutes(self) -> int:
        return round_minutes(self.raw_minutes)


def round_minutes(minutes: float) -> int:
    """Round a time to the nearest 5 minutes (halves up), never below 5.

    Examples
    --------
    >>> round_minutes(52.4), round_minutes(52.5), round_minutes(1.0)
    (50, 55, 5)
    """
    if not (isinstance(minutes, int | float) and math.isfinite(minutes) and minutes >= 0):
        raise ValueError(f"minutes must be a finite number >= 0; got {minutes!r}.")
    return max(5, 5 * math.floor(minutes / 5 + 0.5))


def count_words(markdown: str) -> int:
    """Words a learner reads in a markdown cell.

    Link targets, HTML tags and comments are not read, and neither is a reference list
    (everything from a ``## References`` heading to the end of the cell): learners look
    entries up, they do not read them through.

    Examples
    --------
    >>> count_words("See the [glossary](glossary.md#prt), <b>twice</b>. 1.18 vs 2.84")
    7
    """
    text = re.split(r"^#+\s*References\b", markdown, maxsplit=1, flags=re.M)[0]
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\]\([^)\s]*\)", "]", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return sum(1 for token in text.split() if re.search(r"\w", token))


def count_notebook(cells: list[dict], exercise_set: bool = False) -> TimeEstimate:
    """Count what the time rule counts in a list of notebook cells (as stored in JSON).

    Checked exercises (distinct ids in ``check("NN.name", ...)`` calls) and "Your answer"
    cells count only when ``exercise_set`` is true: a lesson that shows a check at work
    asks for no answer.
    """
    from prtlib.course.authoring import ANSWER_PLACEHOLDER

    words = explorers = thinks = code_cells = answers = 0
    checks: set[str] = set()
    for cell in cells:
        source = _source(cell)
        if cell.get("cell_type") == "markdown":
            words += count_words(source)
            thinks += source.count("**Think!")
            answers += source.strip() == ANSWER_PLACEHOLDER
        elif cell.get("cell_type") == "code":
            code_cells += 1
            explorers += bool(_EXPLORER.search(source))
            checks.update(_CHECK.findall(source))
    if not exercise_set:
        return TimeEstimate(words, code_cells, explorers, thinks)
    return TimeEstimate(words, code_cells, explorers, thinks, len(checks), answers)


def estimate(path: Path) -> TimeEstimate:
    """Apply the course's time rule to a lesson or an exercise set; see :func:`estimate_minutes`."""
    path = Path(path)
    folder = path.parent.name
    if folder not in ("course", "solutions", "exercises") or path.suffix != ".ipynb":
        raise ValueError(f"path must be a notebook in course/, solutions/ or exercises/; "
                         f"got {str(path)!r}.")
    if not path.exists():
        raise ValueError(f"path must name an existing notebook; got {str(path)!r}.")
    if folder == "course":
        return count_notebook(_cells(path))
    if folder == "solutions":
        import nbformat

        from prtlib.course.authoring import generate_exercise

        master = nbformat.read(path, as_version=4)
        learner = generate_exercise(master, f"solutions/{path.name}")
        return count_notebook(json.loads(nbformat.writes(learner))["cells"], exercise_set=True)
    return count_notebook(_cells(path), exercise_set=True)


def estimate_minutes(path: Path) -> int:
    """How long a learner needs for a lesson or an exercise set, by the course's rule.

    The rule (the constants of this module): prose is read at 130 words a minute
    (:func:`count_words`), each code cell takes 45 s to run and read, each explorer 5 min
    more to play with, each **Think!** prompt 2 min. An exercise set adds 3 min per checked
    exercise (working the answer out and acting on the check's feedback) and 5 min per
    answer written in words; these two allowances reproduce, within 5 minutes, the times
    the exercise sets' authors had estimated by hand. The total is rounded to the nearest
    5 minutes, and is at least 5.

    Parameters
    ----------
    path : path-like
        A lesson (``course/NN_topic.ipynb``) or an exercise set. An exercise set is
        counted as the learner sees it: a master in ``solutions/`` is counted through the
        exercise notebook generated from it (no worked solutions, no model answers, no
        instructor notes), and a notebook in ``exercises/`` as it is.

    Raises
    ------
    ValueError
        If ``path`` is not an existing notebook in ``course/``, ``solutions/`` or
        ``exercises/``.

    Examples
    --------
    >>> root = Path(__file__).resolve().parents[2]
    >>> estimate_minutes(root / "course" / "00_start_here.ipynb") % 5
    0
    """
    return estimate(path).minutes


def lesson_minutes(item: Lesson, root: Path | None = None) -> int:
    """The rule's time for a lesson (see :func:`estimate_minutes`)."""
    return estimate_minutes((root or _root()) / "course" / item.filename)


def set_minutes(item: Lesson, root: Path | None = None) -> int:
    """The rule's time for a lesson's exercise set, counted on its master in ``solutions/``."""
    return estimate_minutes((root or _root()) / "solutions" / item.filename)


# -- the instructor guide's syllabi ----------------------------------------------------------


@dataclass(frozen=True)
class SyllabusPart:
    """One row of the workshop syllabus.

    Its minutes are computed, never typed: the rule's time of each lesson and exercise
    set it names, plus ``discussion``, the minutes of discussion or debrief the instructor
    adds (a judgement). A name such as ``"05|06"`` is a choice between two lessons (or
    sets); it counts the longer of the two.
    """

    session: str
    part: str
    what: str
    lessons: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()
    discussion: int = 0

    @property
    def in_class(self) -> bool:
        return self.part not in ("before", "after")


WORKSHOP_SESSIONS = 2
WORKSHOP = (
    SyllabusPart("1", "before", "Lesson 00 and its warm-up exercise set, at home",
                 lessons=("00",), sets=("00",)),
    SyllabusPart("1", "1", "Lesson 01: primary chronic pain, the fear-avoidance cycle and the "
                 "trial's participants; a whole-group discussion of the fear-avoidance cycle",
                 lessons=("01",), discussion=10),
    SyllabusPart("1", "2", "Lesson 02 in pairs: the confounding and regression-to-the-mean "
                 "explorers; a whole-group debrief on what each control arm answers",
                 lessons=("02",), discussion=15),
    SyllabusPart("1", "3", "Lesson 03: from points to g, change-score vs post-only g, the "
                 "four-views explorer; questions", lessons=("03",), discussion=10),
    SyllabusPart("1", "after", "Exercise sets 01, 02 and 03", sets=("01", "02", "03")),
    SyllabusPart("2", "1", "Lesson 04: power curves and the winner's curse explorer; what −1.14 "
                 "implies for a replication", lessons=("04",), discussion=10),
    SyllabusPart("2", "2", "Lesson 05 or 06 (choose by audience: trialists → 05, "
                 "psychologists → 06)", lessons=("05|06",), discussion=5),
    SyllabusPart("2", "3", "Lesson 09: the news error, the paper's inconsistencies, a group "
                 "RoB 2 appraisal with the checklist explorer", lessons=("09",), discussion=15),
    SyllabusPart("2", "after", "Exercise sets 04 and 09, and 05 or 06 (the lesson chosen)",
                 sets=("04", "05|06", "09")),
)
"""The two-session workshop of the instructor guide, one row per part."""

WORKSHOP_FMRI = SyllabusPart("3", "1", "Lessons 07 and 08 (fMRI), with a discussion after each",
                             lessons=("07", "08"), discussion=20)
"""The optional third workshop session for audiences in neuroscience."""


@dataclass(frozen=True)
class ModuleWeek:
    """One week of the module: lessons read before the seminar, the seminar, sets due.

    Self-study is computed: the rule's time of the lessons and the exercise sets due.
    """

    week: int
    lessons: tuple[str, ...]
    seminar: str
    sets: tuple[str, ...]


MODULE_SEMINAR_MINUTES = 120
"""The module's weekly seminar, a length the instructor sets."""

MODULE = (
    ModuleWeek(1, ("00", "01"), "What counts as a cause of chronic pain; who was in the trial, "
               "and who was not", ("00", "01")),
    ModuleWeek(2, ("02",), "Control arms, regression to the mean, allocation; read the trial's "
               "CONSORT diagram together", ("02",)),
    ModuleWeek(3, ("03", "04"), "One effect, many numbers; power, precision and the winner's "
               "curse", ("03", "04")),
    ModuleWeek(4, ("05", "06"), "Durability and missing data; what a mediation analysis can and "
               "cannot show", ("05", "06")),
    ModuleWeek(5, ("07", "08"), "Reading brain findings: what the scans measured, what survived "
               "correction, what a blob can and cannot say", ("07", "08")),
    ModuleWeek(6, ("09", "10"), "A full appraisal of the trial and a reanalysis of its public "
               "data, ending in each learner's verdict", ("09", "10")),
)
"""The module of the instructor guide, one row per week."""


def _choice_minutes(name: str, minutes_of) -> int:
    return max(minutes_of(lesson(number)) for number in name.split("|"))


def syllabus_minutes(lessons: tuple[str, ...] = (), sets: tuple[str, ...] = (),
                     root: Path | None = None) -> int:
    """The rule's total time for some lessons and exercise sets (a choice counts the longer).

    Examples
    --------
    >>> syllabus_minutes(("00",)) == lesson_minutes(lesson("00"))
    True
    """
    total = sum(_choice_minutes(name, lambda item: lesson_minutes(item, root)) for name in lessons)
    return total + sum(_choice_minutes(name, lambda item: set_minutes(item, root))
                       for name in sets)


def hours_and_minutes(minutes: int) -> str:
    """Write a number of minutes as a reader says it.

    Examples
    --------
    >>> hours_and_minutes(185), hours_and_minutes(120), hours_and_minutes(45)
    ('3 h 5 min', '2 h', '45 min')
    """
    if not isinstance(minutes, int) or minutes < 0:
        raise ValueError(f"minutes must be a whole number >= 0; got {minutes!r}.")
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")
