"""Lesson 10's exercises: reanalyse the trial from its public participant-level data.

The lesson (course/10_reanalyse_the_trial.ipynb) and its exercise set
(solutions/10_reanalyse_the_trial.ipynb) analyse **one table**, chosen by
:func:`trial_data`: the real de-identified file the authors released under CC0 when it is
on this computer (``prtlib.trial.cohort.public_data_path``, which never downloads), otherwise the
simulated cohort ``synthetic_trial(seed=0)``. Every expected answer below is computed from
that same table, so a learner's answer is judged against the data her notebook analysed,
real or simulated. Nothing here downloads anything.

The learner computes every number herself with pandas, numpy and statsmodels from the
wide table (one row per person, columns ``arm``, ``baseline``, ``post``); ``prtlib`` only
loads the data. The helpers that compute the same things (``cohort.summarize``,
``cohort.responders``, ``effect_sizes.change_score_g``) are offered in the feedback, to
compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method``
(the quantities and the formula with its source) and ``recipe`` (worked steps).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from prtlib import _validate
from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial.responders import is_responder

__all__ = [
    "CONTROLS",
    "ancova_difference",
    "baseline_carried_forward_difference",
    "change_g",
    "how_to_get_the_data",
    "post_summary",
    "responder_table",
    "trial_data",
]

CONTROLS = ("placebo", "usual_care")
"""The two comparisons of the trial: PRT vs each control arm."""


# -- the data every exercise of the set uses ---------------------------------------------------


def trial_data() -> tuple[pd.DataFrame, bool]:
    """The trial table lesson 10 analyses, and whether it is the real trial's data.

    Returns
    -------
    (pandas.DataFrame, bool)
        The long table of :func:`prtlib.trial.cohort.public_trial` and ``True`` when the public
        file is on this computer with its published checksum; otherwise the simulated
        cohort ``synthetic_trial(seed=0)`` and ``False``.

    Notes
    -----
    Looks for the file with :func:`prtlib.trial.cohort.public_data_path`, which only reads the
    cache (``PRTLIB_DATA_DIR`` if set, else pooch's cache folder) and never downloads, so a
    notebook that calls this runs the same with or without a network.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    Either table holds the 151 randomized participants:

    >>> df, is_real = trial_data()
    >>> df["participant"].nunique(), isinstance(is_real, bool)
    (151, True)
    """
    from prtlib.trial import cohort

    path = cohort.public_data_path()
    if path is None:
        return cohort.synthetic_trial(seed=0), False
    return _read_public(str(path.parent)).copy(), True


@functools.lru_cache(maxsize=4)
def _read_public(folder: str) -> pd.DataFrame:
    """The public file read from a folder where its checksum was just verified (cached)."""
    from prtlib.trial import cohort

    return cohort.public_trial(cache_dir=folder)


def how_to_get_the_data() -> str:
    """What to do to analyse the real data: the file's address and where to save it.

    Examples
    --------
    >>> "PRTLIB_DATA_DIR" in how_to_get_the_data()
    True
    """
    from prtlib.trial.cohort.public import _cache_dir
    from prtlib.trial.published import PUBLIC_DATA

    # The folder public_data_path() looks in (PRTLIB_DATA_DIR, else pooch's cache).
    target = _cache_dir(None) / PUBLIC_DATA["filename"]
    return (
        "The public trial data is not on this computer, and this notebook never downloads "
        "anything.\n"
        "To analyse the real trial, get the file once, in either of two ways:\n"
        f"  1. download {PUBLIC_DATA['url']}\n"
        f"     and save it as {target}\n"
        "     (or save it in a folder of your choice and set the environment variable "
        "PRTLIB_DATA_DIR to that folder before you start Jupyter);\n"
        "  2. or, while online, run once in a terminal:\n"
        "     python -c \"import prtlib.trial.cohort as c; c.public_trial()\"\n"
        "     which downloads it, checks its SHA-256 checksum and saves it there.\n"
        "Then restart the kernel and run the notebook again. Until then this notebook runs "
        "on the simulated cohort, synthetic_trial(seed=0): every number it prints is the "
        "simulation's, not the trial's."
    )


def _people() -> pd.DataFrame:
    from prtlib.trial.cohort import wide

    df, _ = trial_data()
    return wide(df)[["arm", "baseline", "post"]]


def _arm(people: pd.DataFrame, arm: str) -> pd.DataFrame:
    return people[people["arm"] == arm]


# -- the quantities the exercises ask for ------------------------------------------------------


def post_summary(ddof: int = 1) -> pd.DataFrame:
    """Post-treatment pain by arm in the data of :func:`trial_data`: n seen, mean and SD.

    Parameters
    ----------
    ddof : {1, 0}, default 1
        1 for the sample SD that Table 2 reports; 0 gives the population SD (a common
        slip, kept as a named mistake).

    Returns
    -------
    pandas.DataFrame
        Indexed by arm (prt, placebo, usual_care); columns ``n``, ``mean``, ``sd``.

    Raises
    ------
    ValueError
        If ``ddof`` is not 0 or 1.

    Notes
    -----
    Available cases, as in Table 2 of Ashar et al. (2022): ``mean = sum(x) / n`` and
    ``sd = sqrt(sum((x - mean)^2) / (n - ddof))`` over the people seen after treatment.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> post_summary()["n"].to_dict()
    {'prt': 44, 'placebo': 44, 'usual_care': 47}
    """
    ddof = _validate.choice("ddof", ddof, (1, 0))
    grouped = _people().groupby("arm", observed=True)["post"]
    return pd.DataFrame({"n": grouped.count(), "mean": grouped.mean(),
                         "sd": grouped.std(ddof=ddof)})


def responder_table() -> pd.DataFrame:
    """Who ended treatment with pain 0 or 1, by arm, counting a missed visit as no response.

    Returns
    -------
    pandas.DataFrame
        Indexed by arm; columns ``randomized``, ``seen`` (pain reported after treatment),
        ``responders`` and ``percent`` (100 x responders / randomized).

    Notes
    -----
    The rule of eTable 2 of Ashar et al. (2022): pain <= 1 after treatment; a person who
    was not seen counts as a non-responder and stays in the denominator (intention to
    treat).

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> responder_table()["responders"].to_dict()
    {'prt': 33, 'placebo': 10, 'usual_care': 5}
    """
    people = _people()
    hit = pd.Series(is_responder(people["baseline"], people["post"], "pain01"),
                    index=people.index).astype(int)  # a missed visit is no response
    by_arm = people.groupby("arm", observed=True)
    out = pd.DataFrame({"randomized": by_arm.size(),
                        "seen": by_arm["post"].count(),
                        "responders": hit.groupby(people["arm"], observed=True).sum()})
    out["percent"] = 100.0 * out["responders"] / out["randomized"]
    return out


def _check_control(control: str) -> str:
    return _validate.choice("control", control, CONTROLS)


def change_g(control: str = "placebo") -> float:
    """Change-score Hedges' g of PRT vs a control arm, in the data of :func:`trial_data`.

    Parameters
    ----------
    control : {"placebo", "usual_care"}, default "placebo"

    Returns
    -------
    float
        Negative when pain fell more with PRT.

    Raises
    ------
    ValueError
        If ``control`` is not one of the two control arms.

    Notes
    -----
    Computed by :func:`prtlib.stats.effect_sizes.change_score_g`: each person's change is post
    minus baseline (people seen at both visits), ``d = (mean change PRT - mean change
    control) / pooled SD of the changes`` and ``g = J d`` with Hedges' exact J for
    ``n1 + n2 - 2`` degrees of freedom.

    References
    ----------
    Hedges LV. Distribution theory for Glass's estimator of effect size and related
    estimators. J Educ Stat. 1981;6(2):107-128. doi:10.3102/10769986006002107

    Examples
    --------
    >>> change_g("usual_care") < change_g("placebo") < 0
    True
    """
    return _change_score(_check_control(control)).estimate


def _change_score(control: str):
    from prtlib.stats.effect_sizes import change_score_g

    people = _people()
    prt, other = _arm(people, "prt"), _arm(people, control)
    return change_score_g(prt["baseline"], prt["post"], other["baseline"], other["post"])


def _post_only_g(control: str) -> float:
    from prtlib.stats.effect_sizes import hedges_g

    people = _people()
    return hedges_g(_arm(people, "prt")["post"].dropna(),
                    _arm(people, control)["post"].dropna()).estimate


def _difference(control: str, column: str) -> float:
    """PRT minus control in the mean of a column, over people seen at both visits."""
    people = _people().dropna()
    values = people["post"] - people["baseline"] if column == "change" else people[column]
    means = values.groupby(people["arm"], observed=True).mean()
    return float(means["prt"] - means[control])


def _ancova(people: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """OLS of post on arm (PRT the reference) and baseline: coefficients and SEs."""
    complete = people.dropna()
    y = complete["post"].to_numpy(dtype=float)
    x = np.column_stack([np.ones(len(complete))]
                        + [(complete["arm"] == arm).to_numpy(dtype=float) for arm in CONTROLS]
                        + [complete["baseline"].to_numpy(dtype=float)])
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    sigma2 = resid @ resid / (len(y) - x.shape[1])
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(x.T @ x)))
    return beta, se


def ancova_difference(control: str = "usual_care") -> float:
    """Baseline-adjusted difference in post-treatment pain, PRT minus a control arm (points).

    Parameters
    ----------
    control : {"placebo", "usual_care"}, default "usual_care"

    Returns
    -------
    float
        Negative when PRT ends with less pain than the control arm at equal baseline pain.

    Raises
    ------
    ValueError
        If ``control`` is not one of the two control arms.

    Notes
    -----
    Analysis of covariance as a linear regression fitted by least squares to everyone seen
    at both visits, all three arms in one model::

        post = b0 + b1 [placebo] + b2 [usual care] + b3 baseline + error

    The answer is ``-b1`` (placebo) or ``-b2`` (usual care): PRT minus control.

    References
    ----------
    Vickers AJ, Altman DG. Analysing controlled trials with baseline and follow up
    measurements. BMJ. 2001;323(7321):1123-1124. doi:10.1136/bmj.323.7321.1123

    Examples
    --------
    >>> ancova_difference("usual_care") < 0
    True
    """
    index = 1 + CONTROLS.index(_check_control(control))
    beta, _ = _ancova(_people())
    return float(-beta[index])


def _ancova_slope() -> float:
    beta, _ = _ancova(_people())
    return float(beta[-1])


def baseline_carried_forward_difference(control: str = "placebo") -> float:
    """PRT minus control in mean post-treatment pain when a missed visit counts as no change.

    Parameters
    ----------
    control : {"placebo", "usual_care"}, default "placebo"

    Returns
    -------
    float
        The difference in points over everyone randomized.

    Raises
    ------
    ValueError
        If ``control`` is not one of the two control arms.

    Notes
    -----
    A single-imputation sensitivity analysis: a person with no post-treatment pain is
    given her own baseline pain (baseline observation carried forward), in every arm. It
    assumes that nobody who missed the visit improved; it is a way to ask how much the
    result depends on the people who were not seen, not an estimate to prefer.

    References
    ----------
    White IR, Horton NJ, Carpenter J, Pocock SJ. Strategy for intention to treat analysis
    in randomised trials with missing outcome data. BMJ. 2011;342:d40.
    doi:10.1136/bmj.d40

    Examples
    --------
    >>> baseline_carried_forward_difference() < 0
    True
    """
    return _filled_difference(_check_control(control), "baseline")


def _complete_case_difference(control: str) -> float:
    """PRT minus control in mean post-treatment pain over the people seen."""
    people = _people()
    return float(_arm(people, "prt")["post"].mean() - _arm(people, control)["post"].mean())


def _filled_difference(control: str, fill: str) -> float:
    people = _people()
    filled = people["post"].fillna(people["baseline"] if fill == "baseline" else 0.0)
    means = filled.groupby(people["arm"], observed=True).mean()
    return float(means["prt"] - means[control])


# -- the exercises -------------------------------------------------------------------------------




_WHY_CHOICES = ("baseline", "post", "bootstrap", "people")
_WHY_REASONS = (
    ("baseline",
     "Yes. The file's baseline is the single pre-treatment session; the paper's averages two "
     "pre-randomization sessions. Post-treatment pain is the same in both, so the changes, "
     "and with them the change-score g's, differ a little. A g computed from post-treatment "
     "scores alone would not move."),
    ("post",
     "No: your table in exercise 1 reproduced Table 2's post-treatment means and SDs to "
     "the printed decimals. The difference must come from the other end of the change."),
    ("bootstrap",
     "The paper did take g's standard error from a bootstrap, but a bootstrap changes the "
     "uncertainty around g, not g itself, which is computed once from the data. It cannot "
     "explain a different point estimate."),
    ("people",
     "No: the file holds the same 151 randomized people, with the same post-treatment "
     "scores (exercise 1) and the same responders (exercise 2). Who was seen did not change; "
     "what was measured before treatment did."),
)

_PRECISION_CHOICES = ("post-only", "change score", "ancova")
_PRECISION_REASONS = (
    ("post-only",
     "The post-only comparison leaves all the variation that people brought with them from "
     "before treatment in the error, so its standard error is the largest of the three "
     "unless baseline and post-treatment pain are unrelated."),
    ("change score",
     "Subtracting the baseline removes the part of post-treatment pain that baseline "
     "predicts only if the two are perfectly related with a slope of 1. Here the slope is "
     "about a half, so subtracting all of the baseline adds noise back: with similar SDs at "
     "the two visits, a change score beats the post-only comparison only when their "
     "correlation exceeds 0.5, and it never beats ANCOVA in large samples."),
    ("ancova",
     "Yes. ANCOVA estimates how much of post-treatment pain baseline predicts (the slope) "
     "and removes just that part, so its residual variance is the smallest of the three: "
     "it is the most precise of the three estimators in large samples, and randomization "
     "keeps it unbiased (Vickers and Altman 2001)."),
)

register(
    Exercise(
        id="10.predict_baseline_sd",
        title="your prediction: SD of the single pre-treatment session's pain, PRT arm",
        expected=lambda: _arm(_people(), "prt")["baseline"].std(),
        kind="prediction",
        tolerance=0.05,
        unit="points",
        explanation="Part of any one pain rating is the day it was given: sleep, activity, "
                    "mood. Averaging two sessions cancels some of that day-to-day noise, so the "
                    "mean of two spreads less than a single session does. In the public file "
                    "the single session's SD is larger than Table 2's two-session SD in every "
                    "arm. (The simulated cohort copies Table 2's baseline, so there the two "
                    "agree.)",
    ),
    Exercise(
        id="10.post_sd_placebo",
        title="SD of post-treatment pain in the placebo arm, from the participant rows",
        expected=lambda: post_summary().loc["placebo", "sd"],
        tolerance=0.005,
        unit="points",
        mistakes=(
            Mistake("population SD (ddof=0)", lambda: post_summary(ddof=0).loc["placebo", "sd"],
                    "You divided by n instead of n - 1 (numpy's np.std does that by default). "
                    "Table 2 reports the sample SD: pandas' .std() or np.std(x, ddof=1)."),
            Mistake("baseline instead of post", lambda: _people().pipe(
                _arm, "placebo")["baseline"].std(),
                    "That is the SD of the baseline (pre-treatment) pain. Table 2's row for "
                    "after treatment is the 'post' column."),
            Mistake("missed visits counted as 0", lambda: _people().pipe(
                _arm, "placebo")["post"].fillna(0).std(),
                    "You counted the people who missed the visit as pain 0. Table 2 "
                    "summarizes the people seen: leave missing values out (pandas does)."),
        ),
        nudge="Table 2 summarizes, arm by arm, the people seen after treatment. Which column, "
              "which rows, and which SD (dividing by n or by n - 1)?",
        method="Group the wide table by arm and summarize the 'post' column over the values "
               "present: count, mean and the sample SD, sqrt(sum((x - mean)^2) / (n - 1)), "
               "the SD that Table 2 of Ashar et al. (2022) prints.",
        recipe="post_table = people.groupby('arm', observed=True)['post'].agg(['count', "
               "'mean', 'std']); sd_placebo = post_table.loc['placebo', 'std'].",
        explanation="Table 2 is an available-case summary: 44 placebo participants reported "
                    "their pain after treatment. prtlib.trial.cohort.summarize(df) gives the same "
                    "table for every arm and visit.",
    ),
    Exercise(
        id="10.responder_percent_placebo",
        title="percent of the placebo arm with pain 0 or 1 after treatment, missed visit = "
              "not a responder",
        expected=lambda: responder_table().loc["placebo", "percent"],
        tolerance=0.1,
        unit="%",
        mistakes=(
            Mistake("divided by those seen", lambda: 100 * responder_table().loc[
                "placebo", "responders"] / responder_table().loc["placebo", "seen"],
                    "You divided by the people seen after treatment. The paper counts a "
                    "missed visit as no response and divides by everyone randomized to the "
                    "arm (intention to treat)."),
            Mistake("pain 0 only", lambda: 100 * (_arm(_people(), "placebo")["post"] == 0)
                    .sum() / len(_arm(_people(), "placebo")),
                    "You counted pain 0 only (or pain < 1). The rule is pain 0 or 1: <= 1."),
            Mistake("gave a proportion", lambda: responder_table().loc["placebo", "percent"]
                    / 100,
                    "That is a proportion between 0 and 1; the question asks for a percent."),
        ),
        nudge="Who counts as a responder, and what happens to someone who never reported her "
              "pain after treatment? The answer fixes both the numerator and the denominator.",
        method="The responder rule of eTable 2 of Ashar et al. (2022): pain <= 1 after "
               "treatment; a missing post-treatment score is not a response. Percent = 100 x "
               "responders / number randomized to the arm (everyone, seen or not).",
        recipe="placebo = people[people['arm'] == 'placebo']; responders = (placebo['post'] "
               "<= 1).sum()  (NaN <= 1 is False, so missed visits count as no); "
               "percent_placebo = 100 * responders / len(placebo).",
        explanation="10 of the 51 randomized to placebo, against 33 of 50 with PRT and 5 of 50 "
                    "with usual care: the counts the paper reports. eTable 2 rounds the "
                    "percent to a whole number. prtlib.trial.cohort.responders(df) gives the table.",
    ),
    Exercise(
        id="10.g_placebo",
        title="change-score Hedges' g, PRT vs placebo, after treatment, from the rows",
        expected=lambda: change_g("placebo"),
        tolerance=0.005,
        mistakes=(
            Mistake("no small-sample correction", lambda: _change_score("placebo").d,
                    "That is Cohen's d of the changes. Hedges' g multiplies it by J, "
                    "about 1 - 3 / (4 df - 1) with df = n1 + n2 - 2."),
            Mistake("post-only g", lambda: _post_only_g("placebo"),
                    "That is g of the post-treatment scores. Table 2's g compares changes: "
                    "subtract each person's baseline first."),
            Mistake("divided by the SD of post scores",
                    lambda: _difference("placebo", "change") / _pooled_post_sd("placebo"),
                    "The difference in mean change is right, but you divided it by the "
                    "pooled SD of post-treatment scores. A change-score g divides by the "
                    "pooled SD of the changes themselves, and then applies J."),
            Mistake("wrong sign", lambda: -change_g("placebo"),
                    "Right size, wrong sign: take change as post minus baseline, and PRT "
                    "minus placebo. Pain fell more with PRT, so g is negative."),
        ),
        nudge="A change-score g standardizes the difference in how much pain *changed*, "
              "using the spread of those changes. Which people have a change at all?",
        method="For each person seen at both visits, change = post - baseline. Then d = "
               "(mean change PRT - mean change placebo) / s_pooled, with s_pooled^2 = "
               "((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2) over the changes, and g = J d, "
               "J = 1 - 3 / (4 (n1 + n2 - 2) - 1) (Hedges 1981; Borenstein et al. 2009, "
               "chapter 4).",
        recipe="change = (people['post'] - people['baseline']); c1 = change[people['arm'] == "
               "'prt'].dropna(); c2 = change[people['arm'] == 'placebo'].dropna(); n1, n2 = "
               "len(c1), len(c2); sp = np.sqrt(((n1 - 1) * c1.var() + (n2 - 1) * c2.var()) / "
               "(n1 + n2 - 2)); g_placebo = (1 - 3 / (4 * (n1 + n2 - 2) - 1)) * "
               "(c1.mean() - c2.mean()) / sp.",
        explanation="prtlib.stats.effect_sizes.change_score_g(pre1, post1, pre2, post2) computes "
                    "the same g (with the exact J), to compare.",
    ),
    Exercise(
        id="10.g_usual_care",
        title="change-score Hedges' g, PRT vs usual care, after treatment, from the rows",
        expected=lambda: change_g("usual_care"),
        tolerance=0.005,
        mistakes=(
            Mistake("no small-sample correction", lambda: _change_score("usual_care").d,
                    "That is Cohen's d of the changes. Hedges' g multiplies it by J, "
                    "about 1 - 3 / (4 df - 1) with df = n1 + n2 - 2."),
            Mistake("post-only g", lambda: _post_only_g("usual_care"),
                    "That is g of the post-treatment scores. Table 2's g compares changes: "
                    "subtract each person's baseline first."),
            Mistake("wrong sign", lambda: -change_g("usual_care"),
                    "Right size, wrong sign: take change as post minus baseline, and PRT "
                    "minus usual care. Pain fell more with PRT, so g is negative."),
            Mistake("compared with placebo", lambda: change_g("placebo"),
                    "That is the comparison with placebo; this one compares PRT with usual "
                    "care."),
        ),
        nudge="Same recipe as for placebo, with the other control arm. Did you reuse the "
              "placebo rows by accident?",
        method="change = post - baseline for each person seen at both visits; d = (mean "
               "change PRT - mean change usual care) / pooled SD of the changes; g = J d with "
               "J = 1 - 3 / (4 df - 1), df = n1 + n2 - 2 (Hedges 1981).",
        recipe="c2 = change[people['arm'] == 'usual_care'].dropna(), then the same lines as "
               "for g_placebo with this c2.",
        explanation="prtlib.stats.effect_sizes.change_score_g gives the same value, to compare.",
    ),
    Exercise(
        id="10.why_g_differs",
        title="why the file's change-score g's differ slightly from Table 2's",
        expected=lambda: "baseline",
        kind="choice",
        choices=_WHY_CHOICES,
        reasons=_WHY_REASONS,
        mistakes=(
            Mistake("the bootstrap", lambda: "bootstrap", dict(_WHY_REASONS)["bootstrap"]),
        ),
        nudge="A change has two ends. Which end did exercises 1 and 2 show to be identical "
              "in the file and the paper?",
        method="Compare what the file and the paper use at each end of the change: the "
               "post-treatment scores (exercise 1) and the baseline (lesson 10, section 4: the "
               "ledger's 'design.baseline_sessions').",
        recipe="Post-treatment means and SDs match Table 2 exactly, so the difference must be "
               "at baseline: the file has one pre-treatment session, the paper averages two. "
               "Answer 'baseline'.",
    ),
    Exercise(
        id="10.predict_ancova",
        title="your prediction: baseline-adjusted difference, PRT minus usual care (points)",
        expected=lambda: ancova_difference("usual_care"),
        kind="prediction",
        tolerance=0.05,
        unit="points",
        explanation="ANCOVA's difference is the post-treatment difference minus the "
                    "slope on baseline times the arms' difference in baseline. A post-only "
                    "comparison takes the slope as 0 and a change score as 1; the data give "
                    "about a half, so the adjusted difference lands about halfway between "
                    "the two unadjusted ones printed above.",
    ),
    Exercise(
        id="10.ancova_usual_care",
        title="baseline-adjusted difference in post-treatment pain, PRT minus usual care "
              "(ANCOVA, all three arms in one model)",
        expected=lambda: ancova_difference("usual_care"),
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("change-score difference", lambda: _difference("usual_care", "change"),
                    "That is the difference in mean change (a slope of 1 on baseline). "
                    "ANCOVA puts baseline into the model as a covariate and estimates its "
                    "slope."),
            Mistake("post-only difference", lambda: _difference("usual_care", "post"),
                    "That is the unadjusted difference in post-treatment means. Add baseline "
                    "to the model: post ~ arm + baseline."),
            Mistake("wrong sign", lambda: -ancova_difference("usual_care"),
                    "Right size, wrong sign. With PRT as the reference arm, the usual-care "
                    "coefficient is usual care minus PRT; the question asks for PRT minus "
                    "usual care."),
            Mistake("gave the baseline slope", _ancova_slope,
                    "That is the coefficient of baseline (the slope), not the arm "
                    "difference."),
        ),
        nudge="Fit one regression of post-treatment pain on the arm and on baseline pain; "
              "the arm's coefficient is the adjusted difference. Mind which arm is the "
              "reference and which way round the question asks.",
        method="Analysis of covariance (Vickers and Altman 2001) as a linear model fitted by "
               "least squares to everyone seen at both visits: post = b0 + b1 [placebo] + b2 "
               "[usual care] + b3 baseline, PRT the reference arm. PRT minus usual care is "
               "-b2. statsmodels' formula interface fits it.",
        recipe="complete = people.dropna(); fit = smf.ols(\"post ~ C(arm, Treatment('prt')) "
               "+ baseline\", data=complete).fit(); ancova_uc = "
               "-fit.params[\"C(arm, Treatment('prt'))[T.usual_care]\"].",
        explanation="The adjusted difference sits between the post-only difference and the "
                    "change-score difference, because the fitted slope on baseline lies "
                    "between 0 and 1.",
    ),
    Exercise(
        id="10.most_precise",
        title="which of the three comparisons estimates the PRT effect most precisely",
        expected=lambda: "ancova",
        kind="choice",
        choices=_PRECISION_CHOICES,
        reasons=_PRECISION_REASONS,
        mistakes=(
            Mistake("the change score", lambda: "change score",
                    dict(_PRECISION_REASONS)["change score"]),
        ),
        nudge="Each comparison leaves some of the person-to-person variation in the error. "
              "Which one removes exactly as much of it as baseline can explain?",
        method="Post-only uses a slope of 0 on baseline, the change score a slope of 1, "
               "ANCOVA the slope estimated from the data. The error variance is smallest "
               "for the slope that fits best (Vickers and Altman 2001).",
        recipe="The estimated slope (about a half) is far from both 0 and 1, so the model "
               "that estimates it leaves the least noise: answer 'ancova'.",
    ),
    Exercise(
        id="10.bocf_placebo",
        title="PRT minus placebo in mean post-treatment pain when a missed visit counts as "
              "no change (baseline carried forward)",
        expected=lambda: baseline_carried_forward_difference("placebo"),
        tolerance=0.005,
        unit="points",
        mistakes=(
            Mistake("complete cases", lambda: _complete_case_difference("placebo"),
                    "That is the difference among the people seen, with nothing filled in. "
                    "The sensitivity analysis gives each missing post-treatment score the "
                    "person's own baseline, then averages over everyone randomized."),
            Mistake("missed visits counted as 0", lambda: _filled_difference("placebo", "zero"),
                    "You filled the missing scores with 0, which assumes that everyone who "
                    "missed the visit became pain-free. Fill each with the person's baseline."),
            Mistake("wrong sign", lambda: -baseline_carried_forward_difference("placebo"),
                    "Right size, wrong sign: PRT minus placebo."),
        ),
        nudge="Give everyone who missed the post-treatment visit a value that assumes no "
              "change, then compare the arms over everyone randomized.",
        method="Baseline observation carried forward, a single-imputation sensitivity "
               "analysis (White et al. 2011): post_filled = post where seen, else the same "
               "person's baseline; difference = mean(post_filled, PRT) - mean(post_filled, "
               "placebo) over all randomized.",
        recipe="filled = people['post'].fillna(people['baseline']); means = "
               "filled.groupby(people['arm'], observed=True).mean(); bocf_placebo = "
               "means['prt'] - means['placebo'].",
        explanation="Smaller than among the people seen: everyone who missed the visit "
                    "keeps her baseline pain, and that raises the PRT mean more than the "
                    "placebo mean, because the PRT participants who were seen improved more. "
                    "PRT still leads by well over a point. One assumption is not an answer: "
                    "White et al. (2011) recommend several, each stated.",
    ),
)


def _pooled_post_sd(control: str) -> float:
    people = _people()
    a = _arm(people, "prt")["post"].dropna()
    b = _arm(people, control)["post"].dropna()
    n1, n2 = len(a), len(b)
    return float(np.sqrt(((n1 - 1) * a.var() + (n2 - 1) * b.var()) / (n1 + n2 - 2)))
