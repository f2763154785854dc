"""The pain science behind the PRT trial: questionnaires, eligibility and the fear-avoidance cycle.

Lesson 01 uses three pieces:

- :data:`INSTRUMENTS`: what each questionnaire of the trial measures, its range and which
  direction is worse (BPI pain, TSK-11, PCS, SOPA-Emotion, ODI);
- :func:`check_eligibility`: the trial's entry criteria (from the ledger), applied to one
  person, with the reasons someone would be turned away;
- :data:`FEAR_AVOIDANCE_CYCLE`: the steps of the fear-avoidance cycle of Vlaeyen and Linton
  (the course's figures draw it: ``figures.painscience.fear_avoidance_figure``), with the step
  that pain reprocessing targets.
"""

from __future__ import annotations

from dataclasses import dataclass

from prtlib import _validate
from prtlib.trial.published.lookup import get

__all__ = [
    "CRITERIA",
    "FEAR_AVOIDANCE_CYCLE",
    "INSTRUMENTS",
    "Eligibility",
    "Instrument",
    "check_eligibility",
    "instrument",
]


@dataclass(frozen=True)
class Instrument:
    """A questionnaire used in the trial.

    Attributes
    ----------
    key : str
        Short name used in the course (``"tsk11"``, ``"pcs"``, ...).
    name : str
        Full name.
    measures : str
        What it measures, in a few words.
    low, high : float or None
        Lowest and highest possible score (None when the course does not state it).
    higher_is_worse : bool
        True when a higher score means more pain, fear or disability.
    reference : str
        Where the instrument is described, with its DOI when there is one.
    """

    key: str
    name: str
    measures: str
    low: float | None
    high: float | None
    higher_is_worse: bool
    reference: str

    @property
    def range_text(self) -> str:
        """The range as text, e.g. ``"11-44"``, or ``"range not stated"``."""
        if self.low is None or self.high is None:
            return "range not stated"
        return f"{self.low:g}-{self.high:g}"

    def position(self, score) -> float:
        """Where ``score`` lies between the lowest (0%) and highest (100%) possible score.

        Parameters
        ----------
        score : float
            A score on this instrument.

        Returns
        -------
        float
            ``100 * (score - low) / (high - low)``.

        Raises
        ------
        ValueError
            If the range is not stated or ``score`` lies outside it.

        Examples
        --------
        >>> INSTRUMENTS["odi"].position(25)
        25.0
        """
        if self.low is None or self.high is None:
            raise ValueError(f"score cannot be placed on {self.name}: its range is not stated.")
        score = _validate.number("score", score, minimum=self.low, maximum=self.high)
        return 100.0 * (score - self.low) / (self.high - self.low)


def _instruments() -> dict:
    return {
        "pain": Instrument(
            "pain", "Brief Pain Inventory, average pain over the past week",
            "pain intensity (the trial's primary outcome)", 0.0,
            float(get("design.pain_scale_max")), True,
            "Cleeland CS, Ryan KM. Pain assessment: global use of the Brief Pain Inventory. "
            "Ann Acad Med Singap. 1994;23(2):129-138."),
        "tsk11": Instrument(
            "tsk11", "Tampa Scale of Kinesiophobia, 11-item version",
            "fear of movement and the belief that pain signals injury",
            float(get("tsk11.scale_min")), float(get("tsk11.scale_max")), True,
            "Woby SR, Roach NK, Urmston M, Watson PJ. Psychometric properties of the TSK-11: a "
            "shortened version of the Tampa Scale for Kinesiophobia. Pain. 2005;117(1-2):"
            "137-144. doi:10.1016/j.pain.2005.05.029"),
        "pcs": Instrument(
            "pcs", "Pain Catastrophizing Scale",
            "rumination, magnification and helplessness about pain (13 items scored 0-4)",
            0.0, 52.0, True,
            "Sullivan MJL, Bishop SR, Pivik J. The Pain Catastrophizing Scale: development "
            "and validation. Psychol Assess. 1995;7(4):524-532. doi:10.1037/1040-3590.7.4.524"),
        "sopa_emotion": Instrument(
            "sopa_emotion", "Survey of Pain Attitudes, Emotion scale",
            "the belief that one's emotions affect one's pain", None, None, True,
            "Jensen MP, Turner JA, Romano JM, Lawler BK. Relationship of pain-specific beliefs "
            "to chronic pain adjustment. Pain. 1994;57(3):301-309. "
            "doi:10.1016/0304-3959(94)90005-1"),
        "odi": Instrument(
            "odi", "Oswestry Disability Index",
            "disability in daily activities due to back pain (10 items scored 0-5, doubled)",
            0.0, 100.0, True,
            "Fairbank JCT, Pynsent PB. The Oswestry Disability Index. Spine. "
            "2000;25(22):2940-2953. doi:10.1097/00007632-200011150-00017"),
    }


INSTRUMENTS = _instruments()
"""The trial's questionnaires, by course key: pain, tsk11, pcs, sopa_emotion, odi."""


def instrument(key: str) -> Instrument:
    """Look up one of the trial's questionnaires.

    Parameters
    ----------
    key : {"pain", "tsk11", "pcs", "sopa_emotion", "odi"}
        The course's short name.

    Returns
    -------
    Instrument
        Name, what it measures, range, direction and reference.

    Raises
    ------
    ValueError
        For an unknown key.

    Notes
    -----
    Ranges of the trial's scales (pain 0-10, TSK-11 11-44) come from the ledger; the others
    are properties of the published instruments (PCS: 13 items scored 0-4; ODI: 10 items
    scored 0-5, total doubled).

    References
    ----------
    Woby SR, et al. Pain. 2005;117(1-2):137-144. doi:10.1016/j.pain.2005.05.029

    Examples
    --------
    >>> tsk = instrument("tsk11")
    >>> tsk.range_text, round(tsk.position(23.62), 1)
    ('11-44', 38.2)
    """
    key = _validate.choice("key", key, tuple(INSTRUMENTS))
    return INSTRUMENTS[key]


# ---------------------------------------------------------------------------------------
# Eligibility
# ---------------------------------------------------------------------------------------

CRITERIA = ("age", "pain", "duration", "frequency", "leg_pain")
"""The entry criteria :func:`check_eligibility` applies, in order."""


@dataclass(frozen=True)
class Eligibility:
    """Whether one person meets the trial's entry criteria, and why not.

    Attributes
    ----------
    eligible : bool
        True when every criterion is met.
    failed : tuple of str
        The criteria (from :data:`CRITERIA`) that are not met.
    reasons : tuple of str
        One sentence per failed criterion.
    """

    eligible: bool
    failed: tuple
    reasons: tuple

    def __str__(self) -> str:
        if self.eligible:
            return "Eligible: meets every entry criterion."
        return "Not eligible: " + " ".join(self.reasons)


def check_eligibility(age, screening_pain, months_with_pain, share_of_days,
                      leg_pain_worse) -> Eligibility:
    """Apply the trial's entry criteria to one person.

    Parameters
    ----------
    age : float
        Age in years.
    screening_pain : float
        Average pain over the past week at screening, 0-10.
    months_with_pain : float
        How long the back pain has lasted, in months (0 to 1200).
    share_of_days : float
        Share of days with back pain over that period, 0 to 1.
    leg_pain_worse : bool
        True when leg pain is worse than back pain (which points to a nerve root cause).

    Returns
    -------
    Eligibility
        ``eligible``, the failed criteria and a reason for each.

    Raises
    ------
    ValueError
        If a value is outside its range or of the wrong kind.

    Notes
    -----
    From the ledger (Methods of the paper): age from ``design.age_min`` to
    ``design.age_max`` (21-70); screening pain at least ``design.screening_pain_min`` (4);
    back pain for at least ``design.pain_history_months`` (6) months on at least
    ``design.pain_days_fraction`` (half) of the days; leg pain not worse than back pain.
    Every bound is inclusive. The trial had further criteria (for example, being able to
    have an MRI scan) that the course does not model.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23 (Methods).
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> print(check_eligibility(38, 4, 8, 0.6, False))
    Eligible: meets every entry criterion.
    >>> check_eligibility(45, 5, 36, 0.9, True).failed
    ('leg_pain',)
    """
    age_min, age_max = int(get("design.age_min")), int(get("design.age_max"))
    pain_min = float(get("design.screening_pain_min"))
    months_min = float(get("design.pain_history_months"))
    days_min = float(get("design.pain_days_fraction"))
    pain_max = float(get("design.pain_scale_max"))

    age = _validate.number("age", age, minimum=0, maximum=120)
    screening_pain = _validate.number("screening_pain", screening_pain, minimum=0,
                                      maximum=pain_max)
    months_with_pain = _validate.number("months_with_pain", months_with_pain, minimum=0,
                                        maximum=1200)
    share_of_days = _validate.probability("share_of_days", share_of_days)
    if not isinstance(leg_pain_worse, bool):
        raise ValueError(f"leg_pain_worse must be True or False; got {leg_pain_worse!r}.")

    checks = {
        "age": (age_min <= age <= age_max,
                f"Age {age:g} is outside {age_min}-{age_max} years."),
        "pain": (screening_pain >= pain_min,
                 f"Pain {screening_pain:g}/10 is below the entry level of {pain_min:g}/10."),
        "duration": (months_with_pain >= months_min,
                     f"Pain for {months_with_pain:g} months is shorter than "
                     f"{months_min:g} months."),
        "frequency": (share_of_days >= days_min,
                      f"Pain on {100 * share_of_days:.0f}% of days is less than "
                      f"{100 * days_min:.0f}%."),
        "leg_pain": (not leg_pain_worse,
                     "Leg pain worse than back pain suggests a nerve root problem, not "
                     "primary back pain."),
    }
    failed = tuple(name for name in CRITERIA if not checks[name][0])
    return Eligibility(not failed, failed, tuple(checks[name][1] for name in failed))


# ---------------------------------------------------------------------------------------
# The fear-avoidance cycle
# ---------------------------------------------------------------------------------------

FEAR_AVOIDANCE_CYCLE = (
    ("pain", "Pain experienced"),
    ("appraisal", "Appraised as a threat\n(\"something is damaged\")"),
    ("fear", "Pain-related fear\nand catastrophizing"),
    ("avoidance", "Avoidance and\nhypervigilance"),
    ("disability", "Disuse, disability,\nlow mood"),
)
"""The steps of the fear-avoidance cycle (Vlaeyen & Linton 2000), in order: (step, label).

Pain appraised as a sign of damage feeds fear, fear feeds avoidance and vigilance, these
lead to disuse, disability and low mood, which sustain the pain; pain reprocessing targets
the appraisal. The course draws it with ``figures.painscience.fear_avoidance_figure``.

Vlaeyen JWS, Linton SJ. Pain. 2000;85(3):317-332. doi:10.1016/S0304-3959(99)00242-0
"""
