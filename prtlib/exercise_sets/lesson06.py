"""Lesson 06's exercises: beliefs, mediation paths and confounding.

Every expected answer is computed from the ledger, from the simulated cohort (seed 0) or
from a formula of :mod:`prtlib.mediation`.
"""

from __future__ import annotations

import functools

from prtlib import published
from prtlib.checks import Exercise, Mistake, register

COHORT_SEED = 0
"""The cohort the exercises use: ``prtlib.cohort.synthetic_trial(seed=0)``."""

CONFOUNDER = {"u_to_m": 0.6, "u_to_y": 0.5}
"""The confounder of the last exercise: its effects on belief change and on pain (SD 1
errors, true b = 0)."""


def _tsk_change(arm: str) -> float:
    return published.get(f"tsk11.post.{arm}.mean") - published.get(f"tsk11.baseline.{arm}.mean")


def _tsk_difference(control="placebo") -> float:
    return _tsk_change("prt") - _tsk_change(control)


@functools.lru_cache(maxsize=1)
def _data():
    from prtlib.cohort import synthetic_trial
    from prtlib.mediation import mediation_data

    return mediation_data(synthetic_trial(COHORT_SEED), "prt_vs_placebo", "12mo")


def _paths(standardize=True):
    from prtlib.mediation import mediation_paths

    d = _data()
    return mediation_paths(d["x"], d["m"], d["y"], standardize=standardize)


def _zscore(v):
    return (v - v.mean()) / v.std(ddof=1)


def _a_all_standardized() -> float:
    """Slope of z(M) on z(X): X standardized too (a correlation)."""
    d = _data()
    x, m = _zscore(d["x"]), _zscore(d["m"])
    return float((x * m).sum() / (x * x).sum())


def _b_unadjusted() -> float:
    """Slope of z(Y) on z(M) alone, without holding X fixed."""
    d = _data()
    m, y = _zscore(d["m"]), _zscore(d["y"])
    return float((m * y).sum() / (m * m).sum())


def _implied_c() -> float:
    from prtlib.mediation import total_effect_from_summary

    args = []
    for arm in ("prt", "placebo"):
        args += [published.get(f"pain.12mo.{arm}.mean"), published.get(f"pain.12mo.{arm}.sd"),
                 published.get(f"n.monitored.12mo.{arm}")]
    return total_effect_from_summary(*args)


def _cohens_d() -> float:
    """The 12-month difference over the pooled within-arm SD."""
    mean1, sd1 = (published.get(f"pain.12mo.prt.{k}") for k in ("mean", "sd"))
    mean0, sd0 = (published.get(f"pain.12mo.placebo.{k}") for k in ("mean", "sd"))
    n1, n0 = (published.get(f"n.monitored.12mo.{arm}") for arm in ("prt", "placebo"))
    pooled = (((n1 - 1) * sd1 ** 2 + (n0 - 1) * sd0 ** 2) / (n1 + n0 - 2)) ** 0.5
    return (mean1 - mean0) / pooled


def _confounded_b(**override) -> float:
    from prtlib.mediation import confounding_bias

    gm, gy = CONFOUNDER["u_to_m"], CONFOUNDER["u_to_y"]
    return confounding_bias(1.0, gm, gy, **override).b_bias


register(
    Exercise(
        id="06.tsk_change_difference",
        title="PRT's TSK-11 change minus placebo's, baseline to post (eTable 6)",
        expected=_tsk_difference,
        tolerance=0.01,
        unit="TSK-11 points",
        mistakes=(
            Mistake("compared post-treatment only", lambda: (
                published.get("tsk11.post.prt.mean") - published.get("tsk11.post.placebo.mean")),
                    "That compares the post-treatment means only; the question asks for the "
                    "difference in change (post minus baseline in each arm)."),
            Mistake("subtracted the wrong way round", lambda: -_tsk_difference(),
                    "Right size, wrong sign: change is post minus baseline, and the "
                    "difference is PRT minus placebo, so a larger fall with PRT is negative."),
            Mistake("used usual care", lambda: _tsk_difference("usual_care"),
                    "That compares PRT with usual care; use the placebo arm's keys."),
        ),
        hint="(tsk11.post.prt.mean - tsk11.baseline.prt.mean) - (tsk11.post.placebo.mean "
             "- tsk11.baseline.placebo.mean).",
        explanation="PRT's fear beliefs fell about six points more than placebo's on a "
                    "scale from 11 to 44: path a in raw units.",
    ),
    Exercise(
        id="06.path_a",
        title="standardized path a in the cohort (M = TSK-11 change, 12-month sample)",
        expected=lambda: _paths().a,
        tolerance=0.01,
        unit="SD of M",
        mistakes=(
            Mistake("left M in raw units", lambda: _paths(standardize=False).a,
                    "That is a in TSK-11 points. Divide M by its SD (ddof=1) first, as "
                    "eTable 5 does."),
            Mistake("standardized X as well", _a_all_standardized,
                    "You z-scored X too, which turns a into a correlation. Leave X as 1 "
                    "(PRT) and 0 (placebo), so a is the group difference in SDs of M."),
            Mistake("coded placebo as 1", lambda: -_paths().a,
                    "Right size, wrong sign: code PRT as 1 and placebo as 0."),
        ),
        hint="z = (m - m.mean()) / m.std(ddof=1); then a is the mean of z in PRT minus its "
             "mean in placebo (the OLS slope on a 0/1 X).",
        explanation="Larger than 1 in size, because X is a 0/1 code and M is in SD units: "
                    "the arms' belief changes differ by more than one SD.",
    ),
    Exercise(
        id="06.indirect",
        title="the standardized indirect effect ab in the cohort (12-month sample)",
        expected=lambda: _paths().ab,
        tolerance=0.01,
        unit="SD of Y",
        mistakes=(
            Mistake("took b without holding X fixed", lambda: _paths().a * _b_unadjusted(),
                    "Your b comes from regressing Y on M alone. b must hold X fixed: regress "
                    "Y on X and M together and take M's coefficient."),
            Mistake("left M and Y in raw units", lambda: _paths(standardize=False).ab,
                    "That is ab in raw units (pain points). z-score M and Y first."),
            Mistake("flipped a sign", lambda: -_paths().ab,
                    "Right size, wrong sign: a is negative (beliefs fell more with PRT) "
                    "and b positive (more fear, more pain), so ab is negative."),
        ),
        hint="a from M ~ X, b as M's coefficient in Y ~ X + M (both with z-scored M and "
             "Y); ab = a * b. np.linalg.lstsq or statsmodels OLS both do.",
        explanation="The same size as eTable 5's ab, by construction of the cohort; it "
                    "equals c minus c', exactly, for least squares.",
    ),
    Exercise(
        id="06.implied_c",
        title="the standardized total effect c that Table 2's 12-month summaries allow",
        expected=_implied_c,
        tolerance=0.005,
        unit="SD of Y",
        mistakes=(
            Mistake("used the pooled within-arm SD", _cohens_d,
                    "That divides by the pooled SD within arms (Cohen's d). Standardizing Y "
                    "over both arms together also counts the gap between them, so the SD "
                    "is larger and c smaller in size."),
            Mistake("copied eTable 5", lambda: published.get("mediation.tsk11.12mo.c"),
                    "That is the printed c. The exercise asks what Table 2's means, SDs "
                    "and numbers measured imply, which is not the same."),
            Mistake("subtracted the wrong way round", lambda: -_implied_c(),
                    "Right size, wrong sign: PRT (X = 1) minus placebo."),
        ),
        hint="(n - 1) SD_total^2 = (n1 - 1) sd1^2 + (n0 - 1) sd0^2 + n1 n0 / n (mean1 - "
             "mean0)^2; then c = (mean1 - mean0) / SD_total. Use n.monitored.12mo.",
        explanation="About -0.71: Table 2 leaves no room for eTable 5's -0.81 with this "
                    "coding, so the published paths came from a somewhat different model "
                    "or sample.",
    ),
    Exercise(
        id="06.confounded_b",
        title="the b a regression finds when U (0.6 on M, 0.5 on Y) is unmeasured and the "
              "true b is 0",
        expected=_confounded_b,
        tolerance=0.005,
        unit="",
        mistakes=(
            Mistake("took the product of U's effects",
                    lambda: CONFOUNDER["u_to_m"] * CONFOUNDER["u_to_y"],
                    "The shared part must be scaled by how much M varies within an arm: "
                    "divide the product by u_to_m^2 + 1 (the variance of M given X)."),
            Mistake("trusted randomization", lambda: 0.0,
                    "Randomizing X protects a and c, not b: within an arm, M and Y still "
                    "share U."),
            Mistake("divided by the wrong variance", lambda: (
                CONFOUNDER["u_to_m"] * CONFOUNDER["u_to_y"] / (CONFOUNDER["u_to_y"] ** 2 + 1)),
                    "You divided by the variance of Y's part; the slope of Y on M divides "
                    "by the variance of M given X, u_to_m^2 + 1."),
        ),
        hint="b_estimated = b + u_to_m * u_to_y / (u_to_m ** 2 + 1) when the other errors "
             "have SD 1 (prtlib.mediation.confounding_bias).",
        explanation="A modest hidden common cause produces a b near eTable 5's 0.29 with no "
                    "mechanism at all.",
    ),
)
