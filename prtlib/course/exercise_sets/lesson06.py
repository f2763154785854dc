"""Lesson 06's exercises: beliefs, mediation paths and confounding.

Every expected answer is computed from the ledger, from the simulated cohort (seed 0) or
from a formula of :mod:`prtlib.stats.mediation`. Each exercise has three hint levels (nudge,
method, recipe); a wrong answer's feedback shows the nudge only.

Predictions: ``06.predict_confounded_significant`` in the lesson (before the confounder
explorer) and ``06.predict_bootstrap_se`` in the exercise set. Concept check:
``06.randomized_paths``; judgement: ``06.is_it_mediation`` (several readings accepted).
"""

from __future__ import annotations

import functools

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import published

COHORT_SEED = 0
"""The cohort the exercises use: ``prtlib.trial.cohort.synthetic_trial(seed=0)``."""

CONFOUNDER = {"u_to_m": 0.6, "u_to_y": 0.5}
"""The confounder of the last exercise: its effects on belief change and on pain (SD 1
errors, true b = 0)."""


def _tsk_change(arm: str) -> float:
    return published.get(f"tsk11.post.{arm}.mean") - published.get(f"tsk11.baseline.{arm}.mean")


def _tsk_difference(control="placebo") -> float:
    return _tsk_change("prt") - _tsk_change(control)


@functools.lru_cache(maxsize=1)
def _data():
    from prtlib.trial.cohort import synthetic_trial
    from prtlib.trial.mechanisms import mediation_data

    return mediation_data(synthetic_trial(COHORT_SEED), "prt_vs_placebo", "12mo")


def _paths(standardize=True):
    from prtlib.stats.mediation import mediation_paths

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
    from prtlib.stats.mediation import total_effect_from_summary

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
    from prtlib.stats.mediation import confounding_bias

    gm, gy = CONFOUNDER["u_to_m"], CONFOUNDER["u_to_y"]
    return confounding_bias(1.0, gm, gy, **override).b_bias


BOOTSTRAP_RESAMPLES = 5000
"""Resamples of the bootstrap exercise (seed 0, as in the lesson)."""


def _bootstrap_se() -> float:
    """SD of the 5000 resampled products a*b: the bootstrap standard error of ab."""
    from prtlib.stats.mediation import bootstrap_indirect

    d = _data()
    boot = bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=BOOTSTRAP_RESAMPLES, seed=0)
    return float(boot.distribution.std(ddof=1))


def _bootstrap_half_width() -> float:
    """Half the width of the percentile interval (a common confusion with the SE)."""
    from prtlib.stats.mediation import bootstrap_indirect

    d = _data()
    low, high = bootstrap_indirect(d["x"], d["m"], d["y"], n_resamples=BOOTSTRAP_RESAMPLES,
                                   seed=0).ci
    return (high - low) / 2


def _sobel_se() -> float:
    """Sobel's first-order SE of ab, sqrt(a^2 se_b^2 + b^2 se_a^2)."""
    p = _paths()
    return float((p.a ** 2 * p.se_b ** 2 + p.b ** 2 * p.se_a ** 2) ** 0.5)


def _confounded_share_significant() -> float:
    """% of the confounder explorer's 2000 trials that report a significant ab (U 0.5, 0.5;
    true b = 0)."""
    from prtlib.course.explorers.lesson06 import confounded_state

    return 100 * confounded_state(0.5, 0.5, 0.0)["sim"].share_significant




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
        nudge="First find how much each arm's beliefs moved; then compare the two "
              "movements.",
        method="Difference in mean change: (post - baseline) in PRT minus (post - baseline) "
               "in placebo, with eTable 6's means (keys 'tsk11.<visit>.<arm>.mean', visit "
               "'baseline' or 'post').",
        recipe="change_prt = 16.41 - 23.62; change_placebo = 22.16 - 23.10 (from "
               "published.get); tsk_change_difference = change_prt - change_placebo.",
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
                    "That is a in TSK-11 points. Put M in SD units first, as eTable 5 "
                    "does."),
            Mistake("standardized X as well", _a_all_standardized,
                    "You z-scored X too, which turns a into a correlation. Leave X as 1 "
                    "(PRT) and 0 (placebo), so a is the group difference in SDs of M."),
            Mistake("coded placebo as 1", lambda: -_paths().a,
                    "Right size, wrong sign: code PRT as 1 and placebo as 0."),
        ),
        nudge="With a 0/1 treatment, the slope of a regression on it is simply a difference "
              "between the two groups.",
        method="Path a is the least-squares slope of M on X (Baron & Kenny 1986; MacKinnon "
               "et al. 2007), with M standardized, z = (m - mean) / SD (ddof=1), and X left "
               "as 1 = PRT, 0 = placebo; np.polyfit(x, m, 1)[0] or the difference of the "
               "arms' mean z.",
        recipe="m = (m_raw - m_raw.mean()) / m_raw.std(ddof=1); path_a = np.polyfit(x, m, "
               "1)[0] (equivalently m[x == 1].mean() - m[x == 0].mean()).",
        explanation="Larger than 1 in size, because X is a 0/1 code and M is in SD units: "
                    "the arms' belief changes differ by more than one SD. "
                    "prtlib.stats.mediation.mediation_paths(x, m, y) gives every path at once.",
    ),
    Exercise(
        id="06.indirect",
        title="the standardized indirect effect ab in the cohort (12-month sample)",
        expected=lambda: _paths().ab,
        tolerance=0.01,
        unit="SD of Y",
        mistakes=(
            Mistake("took b without holding X fixed", lambda: _paths().a * _b_unadjusted(),
                    "Your b comes from regressing Y on M alone. b must hold X fixed: M's "
                    "coefficient when X is in the model too."),
            Mistake("left M and Y in raw units", lambda: _paths(standardize=False).ab,
                    "That is ab in raw units (pain points). z-score M and Y first."),
            Mistake("flipped a sign", lambda: -_paths().ab,
                    "Right size, wrong sign: a is negative (beliefs fell more with PRT) "
                    "and b positive (more fear, more pain), so ab is negative."),
        ),
        nudge="b asks how pain differs between people whose beliefs changed differently "
              "but who had the same treatment.",
        method="Product of coefficients (MacKinnon et al. 2007): a from M ~ X, b as M's "
               "coefficient in Y ~ X + M, both with standardized M and Y; ab = a x b. Fit "
               "by least squares with a design matrix [1, x, m] (np.linalg.lstsq).",
        recipe="y = (y_raw - y_raw.mean()) / y_raw.std(ddof=1); design = "
               "np.column_stack([np.ones_like(x), x, m]); intercept, c_prime, path_b = "
               "np.linalg.lstsq(design, y, rcond=None)[0]; indirect = path_a * path_b.",
        explanation="The same size as eTable 5's ab, by construction of the cohort; it "
                    "equals c minus c', exactly, for least squares.",
    ),
    Exercise(
        id="06.predict_bootstrap_se",
        title="your prediction: the bootstrap standard error of ab in the cohort",
        expected=_bootstrap_se,
        kind="prediction",
        tolerance=0.01,
        unit="SD of Y",
        explanation="With 79 people, both a and b are estimated with error, and the product "
                    "multiplies the two uncertainties: a resample that happens to give a "
                    "weaker b shrinks ab however large a is. So the SE of ab is more than "
                    "half the size of ab itself, which is why the 95% interval reaches "
                    "zero.",
    ),
    Exercise(
        id="06.bootstrap_se",
        title="the bootstrap SE of ab: SD of 5000 resampled products (seed 0)",
        expected=_bootstrap_se,
        tolerance=0.01,
        unit="SD of Y",
        mistakes=(
            Mistake("gave half the percentile interval", _bootstrap_half_width,
                    "That is half the width of the 95% percentile interval. The standard "
                    "error is the SD of the resampled products."),
            Mistake("used Sobel's formula", _sobel_se,
                    "That is Sobel's normal-theory SE, from the two paths' SEs. The "
                    "exercise asks for the bootstrap: resample people and take the SD of "
                    "the products."),
        ),
        nudge="Pretend the 79 people are the population: draw new samples of 79 from them, "
              "with replacement, and watch how much ab moves from sample to sample.",
        method="Nonparametric (percentile) bootstrap of the indirect effect (Preacher & "
               "Hayes 2008): draw n indices with replacement, refit a (M ~ X) and b (Y ~ X "
               "+ M) on the resampled people, keep a x b; repeat 5000 times; the SD of the "
               "products (ddof=1) is the bootstrap SE, their 2.5th and 97.5th percentiles "
               "the interval. Standardize M and Y once, on the full sample.",
        recipe="rng = np.random.default_rng(0); products = []; for _ in range(5000): i = "
               "rng.integers(0, len(x), len(x)); a_i = np.polyfit(x[i], m[i], 1)[0]; b_i = "
               "np.linalg.lstsq(np.column_stack([np.ones(len(i)), x[i], m[i]]), y[i], "
               "rcond=None)[0][2]; products.append(a_i * b_i); then bootstrap_se = "
               "np.std(products, ddof=1).",
        explanation="The products scatter by more than half of ab's size, so an interval "
                    "near zero is no surprise with 79 people. Another seed moves the SE in "
                    "the third decimal only. prtlib.stats.mediation.bootstrap_indirect(x, m, y, "
                    "seed=0) does the same without a loop and returns the interval.",
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
        nudge="The SD of everyone pooled together is larger than the SD within each arm: "
              "the gap between the arms adds to it.",
        method="The total SD from group summaries (law of total variance; the formula is "
               "in the exercise): (n - 1) SD_total^2 = (n1 - 1) sd1^2 + (n0 - 1) sd0^2 + "
               "n1 n0 / n (mean1 - mean0)^2, then c = (mean1 - mean0) / SD_total, with "
               "Table 2's 12-month means and SDs and the numbers measured at 12 months "
               "(Figure 1).",
        recipe="mean1, sd1, n1 = 1.51, 1.59, 45 (PRT) and mean0, sd0, n0 = 2.79, 1.78, 43 "
               "(placebo), all from published.get; n = n1 + n0; sd_total = sqrt(((n1 - 1) * "
               "sd1**2 + (n0 - 1) * sd0**2 + n1 * n0 / n * (mean1 - mean0)**2) / (n - 1)); "
               "implied_c = (mean1 - mean0) / sd_total.",
        explanation="About -0.71: Table 2 leaves no room for eTable 5's -0.81 with this "
                    "coding, so the published paths came from a somewhat different model "
                    "or sample. prtlib.stats.mediation.total_effect_from_summary computes the "
                    "same.",
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
                    "The shared part must be scaled by how much M varies within an arm, "
                    "not just multiplied out."),
            Mistake("trusted randomization", lambda: 0.0,
                    "Randomizing X protects a and c, not b: within an arm, M and Y still "
                    "share U."),
            Mistake("divided by the wrong variance", lambda: (
                CONFOUNDER["u_to_m"] * CONFOUNDER["u_to_y"] / (CONFOUNDER["u_to_y"] ** 2 + 1)),
                    "You divided by the variance of Y's part; the slope of Y on M divides "
                    "by the variance of M given X."),
        ),
        nudge="Within an arm, M and Y share U. A regression slope is their covariance "
              "divided by the variance of the predictor: what do they share, and how much "
              "does M vary?",
        method="Omitted-variable bias of a slope (lesson 06, section 4.1): with U of SD 1 "
               "and other errors of SD 1, b_found = b + u_to_m u_to_y / (u_to_m^2 + 1); the "
               "numerator is the covariance of M and Y through U, the denominator the "
               "variance of M given X.",
        recipe="u_to_m, u_to_y = 0.6, 0.5; b_found = 0 + u_to_m * u_to_y / (u_to_m ** 2 + "
               "1), that is 0.30 / 1.36.",
        explanation="A modest hidden common cause produces a b near eTable 5's 0.29 with no "
                    "mechanism at all. prtlib.stats.mediation.confounding_bias(a, u_to_m, u_to_y) "
                    "gives b's and ab's bias.",
    ),
    Exercise(
        id="06.randomized_paths",
        title="which estimates randomizing the treatment protects from confounding",
        expected=lambda: "a and c",
        kind="choice",
        choices=("a and c", "a, b and c", "b only", "only ab"),
        mistakes=(
            Mistake("trusted randomization for every path", lambda: "a, b and c",
                    "Randomization decided who got PRT, not whose beliefs changed. b "
                    "compares people within an arm whose beliefs changed more or less, and "
                    "nobody assigned those changes."),
        ),
        reasons=(
            ("a and c",
             "Yes: a (treatment on beliefs) and c (treatment on pain) compare randomized "
             "groups, so a common cause cannot differ between them except by chance. b, "
             "and so ab, compares people within an arm, an observational comparison that "
             "needs sequential ignorability (Imai, Keele & Tingley 2010)."),
            ("a, b and c",
             "b is estimated within arms, among people who differ in how much their beliefs "
             "changed. Nobody randomized that, so anything that drives both belief change "
             "and pain (mood, expectations) can create a b."),
            ("b only",
             "The reverse: b is the one path randomization leaves unprotected. a and c "
             "compare the randomized arms."),
            ("only ab",
             "ab is a times b, so it inherits b's vulnerability. A product is only as "
             "protected as its weakest factor."),
        ),
        nudge="Ask, for each path, whether it compares the randomized groups or people "
              "within one group.",
        method="Randomization makes the arms exchangeable, so comparisons BETWEEN arms (a: "
               "X on M; c: X on Y) are unconfounded. b is M's coefficient holding X fixed, "
               "a comparison WITHIN arms, causal only under sequential ignorability (Imai, "
               "Keele & Tingley 2010; lesson 06, section 4.1).",
        recipe="a and c: between the randomized arms, protected. b: within arms, not "
               "protected; ab = a x b is not protected either. Answer 'a and c'.",
        explanation="No number can check this: it follows from what was randomized.",
    ),
    Exercise(
        id="06.is_it_mediation",
        title="what the trial's mediation result shows about PRT's mechanism",
        expected=lambda: "consistent with it, not shown",
        kind="judgement",
        choices=("beliefs drove the relief", "consistent with it, not shown",
                 "uninformative", "pain relief drove the beliefs"),
        accepted=("uninformative",),
        mistakes=(
            Mistake("read mediation as mechanism", lambda: "beliefs drove the relief",
                    "A significant indirect effect is an association within arms, under an "
                    "order the model assumed. The reverse model was significant too, the "
                    "two were measured over the same month, and the analysis was not "
                    "planned in advance: the data cannot say which drove which."),
        ),
        reasons=(
            ("beliefs drove the relief",
             "That is the hypothesis PRT was built on, but this analysis cannot establish "
             "it: b is not randomized, the reverse model also fits, and mediator and "
             "outcome changed together."),
            ("consistent with it, not shown",
             "The chain PRT -> beliefs -> pain survives a test it could have failed: a is "
             "large and causal, and b was not zero. But confounding of b, the unknown "
             "order and the unplanned analysis leave other explanations standing, so the "
             "mechanism remains a hypothesis worth a better design."),
            ("uninformative",
             "A defensible, sceptical reading: with the reverse model significant too and "
             "both measured over the same month, the result barely discriminates between "
             "stories. It is not quite nothing, though: had b been near zero, the "
             "belief-change mechanism would have lost support, so the result is weak "
             "evidence rather than none."),
            ("pain relief drove the beliefs",
             "That reads the reverse model as the mechanism, with the same flaw as the "
             "forward reading: a mediation model assumes its order, it does not test it."),
        ),
        nudge="Ask what a mediation model assumes before it is fitted, and what else "
              "could produce the same association.",
        method="Four checks from lesson 06, section 4: is b randomized (sequential "
               "ignorability, Imai et al. 2010)? Is the order identified (the reverse model, "
               "timing of measures)? Was the analysis prespecified? Could the result have "
               "come out against the mechanism?",
        recipe="b is not randomized; the reverse model was significant too; beliefs and pain "
               "were measured over the same month; the analysis was not prespecified. Yet a "
               "is causal and b could have been zero. So: consistent with the mechanism, not "
               "shown (a sceptic may defensibly call it uninformative).",
        explanation="Appraisers differ on how much weight a non-prespecified, same-window "
                    "mediation deserves; what they share is that it does not establish the "
                    "mechanism.",
    ),
    Exercise(
        id="06.predict_confounded_significant",
        title="your prediction: % of 2000 simulated trials (88 people, U 0.5 on beliefs and "
              "on pain, beliefs doing nothing) that report a significant indirect effect",
        expected=_confounded_share_significant,
        kind="prediction",
        tolerance=1.0,
        unit="%",
        explanation="With no mechanism at all, a truly null indirect effect should be "
                    "'significant' in at most about 5% of trials. U biases b away from zero "
                    "in every trial, and a is large and clearly non-zero, so the joint test "
                    "only needs b to pass: close to half the trials of the trial's size "
                    "find a 'mediator' that does nothing.",
    ),
)
