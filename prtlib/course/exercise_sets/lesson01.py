"""Lesson 01's exercises: who took part, what the questionnaires say, and who could enter.

Every expected answer is computed here from :mod:`prtlib.trial.published`, the simulated cohort
and :mod:`prtlib.trial.painscience`. The learner computes each answer herself from the ledger or
the cohort with pandas, and applies the entry criteria by hand; the ``prtlib`` function
that does the same job is named in the explanation, to compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the
quantities and the formula with its source) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

The lesson itself (course/01_chronic_back_pain.ipynb) asks for one prediction,
``01.predict_pain_sd``; the exercise set asks for ``01.predict_odi_above_20``.
"""

from __future__ import annotations

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import published
from prtlib.trial.constants import ARMS
from prtlib.trial.painscience import CRITERIA, check_eligibility, instrument

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
    from prtlib.trial import cohort

    return cohort.synthetic_trial(seed=COHORT_SEED)


def _cohort_odi(times="baseline", arms=("usual_care",)) -> float:
    df = _cohort()
    keep = df["arm"].isin(list(arms))
    if times == "baseline":
        keep &= df["time"] == "baseline"
    return float(df.loc[keep, "odi"].mean())


def _odi_above_20() -> float:
    df = _cohort()
    at_baseline = df[(df["arm"] == "usual_care") & (df["time"] == "baseline")]
    return float(100 * (at_baseline["odi"] > 20).mean())


CORRELATION_CHOICES = ("fear causes disability", "disability causes fear",
                       "they go together; the direction is unknown",
                       "r = 0.3 is too small to matter")


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
        nudge="A percentage of everyone needs everyone in the numerator and in the "
              "denominator: all three arms.",
        method="Percentage = 100 x (opioid users summed over the three arms, Table 1) / "
               "(all randomized, Figure 1).",
        recipe="users = sum(published.get(f'baseline.opioid_use.{arm}.n') for arm in "
               "['prt', 'placebo', 'usual_care']); opioid_percent = 100 * users / "
               "published.get('n.randomized.total').",
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
        nudge="A scale that does not start at zero: measure the distance from its bottom, "
              "relative to the whole distance from bottom to top.",
        method="Position = 100 x (score - minimum) / (maximum - minimum), a min-max "
               "rescaling; the TSK-11's items are rated 1-4, so its range is 11-44 (Woby et "
               "al. 2005), under 'tsk11.scale_min' and 'tsk11.scale_max'.",
        recipe="low = published.get('tsk11.scale_min'); high = "
               "published.get('tsk11.scale_max'); score = "
               "published.get('tsk11.baseline.prt.mean'); tsk_position = 100 * (score - low) "
               "/ (high - low).",
        explanation="The average participant sat in the lower half of the fear-of-movement "
                    "scale: fear was present but moderate, not extreme. "
                    "painscience.instrument('tsk11').position(score) computes the same.",
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
        nudge="Some of PRT's change would have happened anyway: the placebo arm shows how "
              "much. Take each arm's own change first.",
        method="A difference in change: (post - baseline) in the PRT arm minus (post - "
               "baseline) in the placebo arm, from the arm means in the ledger "
               "('tsk11.<time>.<arm>.mean').",
        recipe="prt = tsk11.post.prt.mean - tsk11.baseline.prt.mean; placebo = "
               "tsk11.post.placebo.mean - tsk11.baseline.placebo.mean; answer = prt - "
               "placebo (each value from published.get).",
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
        nudge="The table has one row per person and visit: keep only the rows for the arm "
              "and the visit you want before averaging.",
        method="Filter the long table with two boolean conditions combined by & (arm equal "
               "to 'usual_care', time equal to 'baseline'), then the mean of the 'odi' "
               "column (pandas .mean()).",
        recipe="df = cohort.synthetic_trial(seed=0); at_baseline = df[(df['arm'] == "
               "'usual_care') & (df['time'] == 'baseline')]; usual_care_odi = "
               "at_baseline['odi'].mean().",
        explanation="The simulated cohort reproduces Table 2's usual-care baseline ODI of "
                    f"{published.fact('odi.baseline.usual_care.mean').printed} to within a few "
                    "hundredths: about 23 of 100, at the border between minimal and moderate "
                    "disability.",
    ),
    Exercise(
        id="01.predict_odi_above_20",
        title="your prediction: % of the simulated usual-care participants with baseline ODI "
              "above 20",
        expected=_odi_above_20,
        kind="prediction",
        tolerance=0.5,
        unit="%",
        explanation="The arm's mean sits just above 20, and people spread about ten ODI points "
                    "either side of it, so roughly half of this simulated arm falls on each "
                    "side of the line between minimal and moderate disability. A mean near a "
                    "cut-off says little about how many people are over it. (A property of "
                    "the simulated cohort, built to match the paper's means and SDs; the "
                    "real participants' split is not printed in the paper.)",
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
        nudge="Go through the criteria one at a time for each applicant; one failed "
              "criterion is enough to exclude someone.",
        method="The entry criteria in the ledger (Ashar et al. 2022, Methods): age from "
               "'design.age_min' to 'design.age_max', screening pain at least "
               "'design.screening_pain_min', at least 'design.pain_history_months' months on "
               "at least 'design.pain_days_fraction' of the days, and leg pain not worse than "
               "back pain. Bounds are included.",
        recipe="For each row of pd.DataFrame(APPLICANTS).T, test age between 21 and 70, "
               "screening_pain >= 4, months_with_pain >= 6, share_of_days >= 0.5 and "
               "leg_pain_worse False; keep the applicant for whom all five hold.",
        explanation=f"Only one applicant passes all {len(CRITERIA)} checks; note that the "
                    "thresholds include their bounds (pain of exactly 4 is enough). "
                    "painscience.check_eligibility(**APPLICANTS[name]) applies the same rules.",
    ),
    Exercise(
        id="01.fear_disability_reading",
        title="what a baseline correlation of r = 0.3 between TSK-11 and ODI shows",
        expected=lambda: "they go together; the direction is unknown",
        kind="choice",
        choices=CORRELATION_CHOICES,
        reasons=(
            ("fear causes disability", "This is what the fear-avoidance model predicts, but a "
             "correlation measured once fits it no better than the reverse direction or a "
             "common cause such as pain intensity."),
            ("disability causes fear", "Possible (people who cannot do things learn to fear "
             "them), but a single cross-sectional correlation cannot favour this direction "
             "over the others either."),
            ("they go together; the direction is unknown", "A correlation across people at "
             "one time says that the two vary together; which causes which, or whether a "
             "third factor drives both, needs a study that changes one of them."),
            ("r = 0.3 is too small to matter", "Size is not the issue: a modest correlation "
             "can come from a strong causal effect diluted by other influences, and a large "
             "one from a common cause. The problem is direction, not strength."),
        ),
        mistakes=(
            Mistake("read the correlation as a cause", lambda: "fear causes disability",
                    "The cycle predicts this direction, but the data are a single "
                    "correlation across people: what else would produce the same r?"),
        ),
        nudge="Ask which causal stories would all produce the same correlation at one time "
              "point.",
        method="Three structures give the same cross-sectional r: fear -> disability, "
               "disability -> fear, and a common cause of both (lesson 01, section 6; "
               "Hernán & Robins 2020 on confounding).",
        recipe="None of the three can be told apart by one correlation; only changing fear "
               "and watching disability can. Choose 'they go together; the direction is "
               "unknown'.",
        explanation="",
    ),
    Exercise(
        id="01.predict_pain_sd",
        title="your prediction: the SD of baseline pain in the PRT arm (0-10 scale)",
        expected=lambda: published.get("pain.baseline.prt.sd"),
        kind="prediction",
        tolerance=0.05,
        unit="points",
        explanation="Everyone had to rate at least 4 at screening, and the arm's mean sits a "
                    "little above 4, so baseline pain is bunched in a narrow band: an SD a "
                    "little above one point puts most people within about a point and a half "
                    "of the mean. The spread is still real: baseline was rated at sessions "
                    "after screening, when some people rated below 4, and the trial set no "
                    "maximum, so a few rated well above the mean.",
    ),
)
