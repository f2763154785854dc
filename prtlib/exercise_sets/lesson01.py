"""Lesson 01's exercises: who took part, what the questionnaires say, and who could enter."""

from __future__ import annotations

from prtlib import published
from prtlib.checks import Exercise, Mistake, register
from prtlib.constants import ARMS
from prtlib.painscience import CRITERIA, check_eligibility, instrument

APPLICANTS = {
    "A": {"age": 19, "screening_pain": 6, "months_with_pain": 24, "share_of_days": 0.9,
          "leg_pain_worse": False},
    "B": {"age": 45, "screening_pain": 5, "months_with_pain": 36, "share_of_days": 0.9,
          "leg_pain_worse": True},
    "C": {"age": 52, "screening_pain": 3.5, "months_with_pain": 120, "share_of_days": 0.8,
          "leg_pain_worse": False},
    "D": {"age": 38, "screening_pain": 4, "months_with_pain": 8, "share_of_days": 4 / 7,
          "leg_pain_worse": False},
}
"""Four people who apply to the trial (exercise ``01.eligible_applicant``)."""

COHORT_SEED = 0
"""The simulated cohort used by exercise ``01.cohort_odi``."""


# --- 01.opioid_percent ------------------------------------------------------------------

def _opioid_users() -> int:
    return sum(int(published.get(f"baseline.opioid_use.{arm}.n")) for arm in ARMS)


def _opioid_percent() -> float:
    return 100 * _opioid_users() / published.get("n.randomized.total")


# --- 01.tsk_position --------------------------------------------------------------------

def _tsk_position(arm: str = "prt", ignore_minimum: bool = False) -> float:
    score = published.get(f"tsk11.baseline.{arm}.mean")
    if ignore_minimum:
        return 100 * score / published.get("tsk11.scale_max")
    return instrument("tsk11").position(score)


# --- 01.tsk_change_vs_placebo -----------------------------------------------------------

def _tsk(time: str, arm: str) -> float:
    return published.get(f"tsk11.{time}.{arm}.mean")


def _tsk_change(arm: str) -> float:
    return _tsk("post", arm) - _tsk("baseline", arm)


def _tsk_difference_in_change() -> float:
    return _tsk_change("prt") - _tsk_change("placebo")


# --- 01.cohort_odi ----------------------------------------------------------------------

def _cohort():
    from prtlib import cohort

    return cohort.synthetic_trial(seed=COHORT_SEED)


def _cohort_odi(times="baseline", arms=("usual_care",)) -> float:
    df = _cohort()
    keep = df["arm"].isin(list(arms))
    if times == "baseline":
        keep &= df["time"] == "baseline"
    return float(df.loc[keep, "odi"].mean())


# --- 01.eligible_applicant --------------------------------------------------------------

def _eligible_applicant() -> str:
    eligible = [name for name, a in APPLICANTS.items() if check_eligibility(**a).eligible]
    return eligible[0]


def _fails_only(criterion: str) -> str:
    for name, a in APPLICANTS.items():
        if check_eligibility(**a).failed == (criterion,):
            return name
    raise LookupError(f"no applicant fails only {criterion!r}")


register(
    Exercise(
        id="01.opioid_percent",
        title="percentage of all randomized participants currently using opioids",
        expected=_opioid_percent,
        tolerance=0.05,
        unit="%",
        mistakes=(
            Mistake("used the PRT arm only",
                    lambda: 100 * published.get("baseline.opioid_use.prt.n")
                    / published.get("n.randomized.prt"),
                    "That is the PRT arm alone. Add the opioid users of all three arms and "
                    "divide by everyone randomized."),
            Mistake("gave a proportion", lambda: _opioid_percent() / 100,
                    "That is a proportion between 0 and 1; multiply by 100 for a percentage."),
            Mistake("gave the count", _opioid_users,
                    "That is the number of people; divide it by the number randomized "
                    "('n.randomized.total') and multiply by 100."),
        ),
        hint="Add 'baseline.opioid_use.<arm>.n' over the three arms, divide by "
             "'n.randomized.total' and multiply by 100.",
        explanation="About one participant in seventeen was taking opioids, so the trial says "
                    "little about people whose back pain is managed with opioids.",
    ),
    Exercise(
        id="01.tsk_position",
        title="where the PRT arm's baseline TSK-11 lies on the scale, in % of its range",
        expected=_tsk_position,
        tolerance=0.1,
        unit="%",
        mistakes=(
            Mistake("ignored the scale's minimum", lambda: _tsk_position(ignore_minimum=True),
                    "The TSK-11 cannot go below 11, so a score of 11 is the bottom of the "
                    "scale (0%). Subtract the minimum from the score and from the maximum "
                    "before dividing."),
            Mistake("used the placebo arm", lambda: _tsk_position("placebo"),
                    "That is the placebo arm's mean; use 'tsk11.baseline.prt.mean'."),
        ),
        hint="Position = 100 * (score - minimum) / (maximum - minimum), with the minimum and "
             "maximum under 'tsk11.scale_min' and 'tsk11.scale_max'.",
        explanation="The average participant sat in the lower half of the fear-of-movement "
                    "scale: fear was present but moderate, not extreme.",
    ),
    Exercise(
        id="01.tsk_change_vs_placebo",
        title="change in TSK-11 from baseline to post, PRT minus placebo",
        expected=_tsk_difference_in_change,
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("compared post-treatment scores only",
                    lambda: _tsk("post", "prt") - _tsk("post", "placebo"),
                    "You compared the post-treatment means only. Compute each arm's change "
                    "(post minus baseline) first, then subtract placebo's change from PRT's."),
            Mistake("subtracted the wrong way round", lambda: -_tsk_difference_in_change(),
                    "Right size, wrong sign: change is post minus baseline (negative when "
                    "fear falls), and the difference is PRT minus placebo."),
            Mistake("gave PRT's change only", lambda: _tsk_change("prt"),
                    "That is PRT's own change. Subtract the placebo arm's change from it, so "
                    "that what happened without PRT is taken out."),
        ),
        hint="Change in an arm = 'tsk11.post.<arm>.mean' - 'tsk11.baseline.<arm>.mean'; the "
             "answer is PRT's change minus placebo's change.",
        explanation="Fear of movement fell by about six points more with PRT than with placebo, "
                    "more than the four-point drop Woby and colleagues found meaningful.",
    ),
    Exercise(
        id="01.cohort_odi",
        title="mean baseline ODI of the usual-care arm in the simulated cohort (seed 0)",
        expected=_cohort_odi,
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("averaged over every visit", lambda: _cohort_odi(times="all"),
                    "Your mean mixes baseline with the later visits. Keep only the rows "
                    "where df['time'] == 'baseline'."),
            Mistake("averaged over every arm", lambda: _cohort_odi(arms=ARMS),
                    "That is the mean of all three arms. Keep only the rows where "
                    "df['arm'] == 'usual_care'."),
        ),
        hint="df = cohort.synthetic_trial(seed=0); select the rows with arm 'usual_care' and "
             "time 'baseline', then take the mean of the 'odi' column.",
        explanation="The simulated cohort reproduces Table 2's usual-care baseline ODI of "
                    f"{published.fact('odi.baseline.usual_care.mean').printed} to within a few "
                    "hundredths: about 23 of 100, at the border between minimal and moderate "
                    "disability.",
    ),
    Exercise(
        id="01.eligible_applicant",
        title="the one applicant who meets every entry criterion",
        expected=_eligible_applicant,
        kind="choice",
        choices=tuple(APPLICANTS),
        mistakes=(
            Mistake("forgot the leg-pain rule", lambda: _fails_only("leg_pain"),
                    "This applicant's leg pain is worse than the back pain, which points to a "
                    "nerve root problem (sciatica). The trial enrolled primary back pain only."),
            Mistake("forgot the pain threshold", lambda: _fails_only("pain"),
                    "This applicant's pain is below the entry level of 4/10 "
                    "('design.screening_pain_min')."),
            Mistake("forgot the age range", lambda: _fails_only("age"),
                    "This applicant is younger than the trial allowed "
                    "('design.age_min' to 'design.age_max')."),
        ),
        hint="Apply prtlib.painscience.check_eligibility to each applicant in APPLICANTS, or "
             "check age 21-70, pain at least 4, at least 6 months on at least half the days, "
             "and leg pain not worse than back pain.",
        explanation=f"Only one applicant passes all {len(CRITERIA)} checks; note that the "
                    "thresholds include their bounds (pain of exactly 4 is enough).",
    ),
)
