"""Follow-up, attrition and missing data in the PRT trial, and what each analysis assumes.

People leave trials. In the PRT trial the usual-care arm was still being measured in 36 of
its 50 people a year later, the PRT arm in 45 of 50. This module holds the trial's side of
lesson 05; the general dropout laboratory and its estimators are
:mod:`prtlib.stats.missing_data`.

- :func:`attrition` and :func:`published_trajectories`: who was seen when, and Table 2's
  pain trajectories with their uncertainty;
- :func:`simulate_complete_trials` and :func:`dropout_study`: the laboratory run with
  Table 2's means and the arm sizes randomized;
- the trial's own analysis on a cohort: :func:`fit_trial_model` (a linear mixed model
  with group x time interactions, age and sex, and a random intercept per participant,
  fitted with statsmodels), :func:`completers_ttest`, :func:`carry_forward` and
  :func:`cohort_estimates`;
- responders when outcomes are missing: :func:`responder_sensitivity`.

Sign convention: PRT minus control. On the pain scale a benefit of PRT is negative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from prtlib import _validate
from prtlib.stats.intervals import Interval
from prtlib.stats.missing_data.laboratory import SD_PERSON, SD_VISIT, CompleteTrials
from prtlib.stats.missing_data.laboratory import (
    simulate_complete_trials as _simulate_complete_trials,
)
from prtlib.stats.missing_data.study import METHODS, DropoutStudy
from prtlib.stats.missing_data.study import dropout_study as _dropout_study
from prtlib.trial import published
from prtlib.trial.cohort.tables import check_table, wide
from prtlib.trial.constants import ARMS, MONTHS_AFTER_BASELINE, TIMES, control_arm
from prtlib.trial.responders import RESPONDER_RULES, RESPONDER_TIMES, responder_counts

__all__ = [
    "CompletersTest",
    "ResponderSensitivity",
    "TrialModel",
    "attrition",
    "carry_forward",
    "cohort_estimates",
    "completers_ttest",
    "dropout_study",
    "fit_trial_model",
    "published_trajectories",
    "responder_sensitivity",
    "simulate_complete_trials",
]


def attrition(df=None) -> pd.DataFrame:
    """How many people of each arm were assessed at each time, and the share of those
    randomized.

    Parameters
    ----------
    df : pandas.DataFrame, optional
        A long table from :func:`prtlib.trial.cohort.synthetic_trial` or
        :func:`prtlib.trial.cohort.public_trial`. Default: the published counts (Figure 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``arm``, ``time``); columns ``randomized``, ``seen``, ``missing`` and
        ``percent_seen`` (100 x seen / randomized).

    Raises
    ------
    ValueError
        If ``df`` is not such a table.

    Notes
    -----
    Everyone randomized was assessed at baseline. Later counts are the numbers Figure 1
    reports as monitored (published) or the non-missing pain values (a table). The
    denominator is always everyone randomized, as an intention-to-treat analysis has it.

    References
    ----------
    Ashar YK, Gordon A, Schubiner H, et al. Effect of pain reprocessing therapy vs placebo
    and usual care for patients with chronic back pain: a randomized clinical trial. JAMA
    Psychiatry. 2022;79(1):13-23, Figure 1. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> a = attrition()
    >>> print(a.loc[("usual_care", "12mo"), ["seen", "missing"]].astype(int).to_dict())
    {'seen': 36, 'missing': 14}
    >>> print(a.loc[("usual_care", "12mo"), "percent_seen"])
    72.0
    """
    rows = []
    if df is None:
        get = published.get
        for arm in ARMS:
            n = int(get(f"n.randomized.{arm}"))
            for time in TIMES:
                seen = n if time == "baseline" else int(get(f"n.monitored.{time}.{arm}"))
                rows.append((arm, time, n, seen))
    else:
        w = wide(df, "pain")
        for arm in ARMS:
            group = w[w["arm"] == arm]
            if group.empty:
                continue
            for time in [t for t in TIMES if t in w.columns]:
                rows.append((arm, time, len(group), int(group[time].notna().sum())))
    out = pd.DataFrame(rows, columns=["arm", "time", "randomized", "seen"])
    out["missing"] = out["randomized"] - out["seen"]
    out["percent_seen"] = 100.0 * out["seen"] / out["randomized"]
    return out.set_index(["arm", "time"])


def published_trajectories(confidence_level=0.95) -> pd.DataFrame:
    """Table 2's mean pain per arm and time, with a t-based confidence interval.

    Parameters
    ----------
    confidence_level : float, default 0.95
        Coverage of the interval, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``arm``, ``time``); columns ``months`` (since baseline), ``mean``,
        ``sd``, ``n`` (randomized at baseline, monitored later), ``se``, ``ci_low`` and
        ``ci_high``.

    Raises
    ------
    ValueError
        If ``confidence_level`` is not in (0, 1).

    Notes
    -----
    ``se = sd / sqrt(n)`` and the interval is ``mean +- t_{1-alpha/2, n-1} se``: the
    interval of one arm's mean, treating those seen as a random sample of the arm. That
    is only true if the people who were missed resemble those who were seen (see the
    lesson on missing data).

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Table 2 and Figure 1.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> t = published_trajectories()
    >>> print(t.loc[("prt", "12mo"), ["mean", "n", "ci_low", "ci_high"]].round(2).to_dict())
    {'mean': 1.51, 'n': 45.0, 'ci_low': 1.03, 'ci_high': 1.99}
    """
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    seen = attrition()
    get = published.get
    rows = []
    for arm in ARMS:
        for time in TIMES:
            mean = float(get(f"pain.{time}.{arm}.mean"))
            sd = float(get(f"pain.{time}.{arm}.sd"))
            n = int(seen.loc[(arm, time), "seen"])
            se = sd / math.sqrt(n)
            half = float(stats.t.ppf(0.5 + level / 2.0, n - 1)) * se
            rows.append((arm, time, MONTHS_AFTER_BASELINE[time], mean, sd, n, se,
                         mean - half, mean + half))
    out = pd.DataFrame(rows, columns=["arm", "time", "months", "mean", "sd", "n", "se",
                                      "ci_low", "ci_high"])
    return out.set_index(["arm", "time"])

# ---------------------------------------------------------------------------------------
# The dropout laboratory with Table 2's means
# ---------------------------------------------------------------------------------------


def _table2_arms(comparison):
    """Table 2's mean pain per visit of the control (row 0) and PRT (row 1), and the numbers
    randomized, as tuples (hashable, so that the laboratory can cache on them)."""
    arms = (control_arm(comparison), "prt")
    means = tuple(tuple(float(published.get(f"pain.{t}.{arm}.mean")) for t in TIMES)
                  for arm in arms)
    sizes = tuple(int(published.get(f"n.randomized.{arm}")) for arm in arms)
    return means, sizes


def simulate_complete_trials(comparison="prt_vs_placebo", n_trials=200, sd_person=SD_PERSON,
                             sd_visit=SD_VISIT, seed=0) -> CompleteTrials:
    """Simulate complete PRT trials whose mean trajectories are Table 2's.

    ``comparison`` ({"prt_vs_placebo", "prt_vs_usual_care"}) picks the control arm; the
    means are Table 2's means of the two arms at every visit and the arm sizes the numbers
    randomized (Ashar et al. 2022, doi:10.1001/jamapsychiatry.2021.2669). The other
    arguments, the model and the ``ValueError`` for bad ones are those of
    :func:`prtlib.stats.missing_data.simulate_complete_trials`, which pools the two
    baselines into one; the result's ``label`` is the comparison.

    Examples
    --------
    >>> trials = simulate_complete_trials(n_trials=3, seed=1)
    >>> trials.pain.shape
    (3, 101, 7)
    >>> round(float(trials.true_effect[-1]), 2)
    -1.28
    """
    means, sizes = _table2_arms(comparison)
    return _simulate_complete_trials(means, sizes, n_trials=n_trials, sd_person=sd_person,
                                     sd_visit=sd_visit, seed=seed, label=comparison)


def dropout_study(mechanism="MAR", strength=1.0, rate=0.2, comparison="prt_vs_placebo",
                  n_trials=200, seed=0) -> DropoutStudy:
    """The dropout study of lesson 05: PRT trials with Table 2's means, one kind of dropout,
    and the 12-month effect estimated three ways.

    ``comparison`` picks the control arm as in :func:`simulate_complete_trials`; the other
    arguments (mechanism, strength, rate, n_trials, seed), the result and the
    ``ValueError`` for bad ones are those of :func:`prtlib.stats.missing_data.dropout_study`,
    which caches its results per setting. The result's ``label`` is the comparison.

    Examples
    --------
    >>> study = dropout_study("MAR", strength=2.0, rate=0.3, n_trials=100)
    >>> print(f"truth {study.truth:.2f}")
    truth -1.28
    >>> abs(study.bias("mixed_model")) < abs(study.bias("completers"))
    True
    """
    means, sizes = _table2_arms(comparison)
    return _dropout_study(means, sizes, mechanism, strength, rate, n_trials=n_trials,
                          seed=seed, label=comparison)


@dataclass(frozen=True, repr=False, eq=False)
class TrialModel:
    """The trial's linear mixed model, fitted to a cohort table.

    Attributes
    ----------
    contrasts : pandas.DataFrame
        Indexed by (``comparison``, ``time``): ``estimate`` (PRT minus control, difference
        in mean change from baseline: the group x time interaction), ``se``, ``z``, ``p``,
        ``ci_low``, ``ci_high``.
    fixed_effects : pandas.Series
        Every fixed-effect coefficient, by name.
    participant_var, residual_var : float
        Variance of the random intercept and of the residual.
    n_obs, n_participants : int
    covariates : bool
        Whether age and sex were in the model.
    converged : bool
    """

    contrasts: pd.DataFrame
    fixed_effects: pd.Series
    participant_var: float
    residual_var: float
    n_obs: int
    n_participants: int
    covariates: bool
    converged: bool
    confidence_level: float = 0.95

    def estimate(self, comparison="prt_vs_placebo", time="12mo") -> float:
        """The group x time contrast for one comparison and time."""
        control_arm(comparison)
        _validate.choice("time", time, TIMES[1:])
        return float(self.contrasts.loc[(comparison, time), "estimate"])

    def __str__(self) -> str:
        table = self.contrasts[["estimate", "se", "ci_low", "ci_high"]].round(3)
        table["p"] = [("< 0.001" if p < 0.001 else f"{p:.3f}") for p in self.contrasts["p"]]
        return (f"Linear mixed model (REML), {self.n_obs} observations of "
                f"{self.n_participants} participants; random-intercept variance "
                f"{self.participant_var:.2f}, residual variance {self.residual_var:.2f}.\n"
                f"PRT minus control, change from baseline:\n{table.to_string()}")

    def __repr__(self) -> str:
        return (f"TrialModel({self.n_obs} observations, {self.n_participants} participants, "
                f"12-month PRT vs placebo {self.estimate():.2f})")


def fit_trial_model(df, covariates=True, confidence_level=0.95) -> TrialModel:
    """Fit the trial's analysis: a linear mixed model with group x time interactions, age
    and sex, and a random intercept per participant, on all available pain values.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :func:`prtlib.trial.cohort.synthetic_trial` (or any table with its
        columns ``participant``, ``arm``, ``time``, ``pain`` and, if ``covariates``,
        ``age`` and ``sex``), with at least two arms one of which is PRT.
    covariates : bool, default True
        Include age (years, centred) and sex, as the paper did.
    confidence_level : float, default 0.95
        Coverage of the Wald intervals.

    Returns
    -------
    TrialModel

    Raises
    ------
    ValueError
        If ``df`` lacks a column, has no PRT arm or no control arm, or an argument is bad.

    Notes
    -----
    Design (fitted with ``statsmodels.regression.mixed_linear_model.MixedLM``, REML):
    ``pain_it = b0 + sum_g arm_g + sum_t time_t + sum_{g,t} arm_g x time_t
    [+ b_age age_i + b_female female_i] + u_i + e_it``, with placebo (or the only
    control present) as the reference arm and baseline as the reference time. The
    contrast "PRT vs control at t" is the difference between the two arms' changes from
    baseline to t, ``L beta`` for the matching vector L; its SE is
    ``sqrt(L Cov(beta) L')`` and the interval is Wald's. Rows with missing pain are left
    out, and everyone else's rows are used: that is "all available data".

    References
    ----------
    Laird NM, Ware JH. Random-effects models for longitudinal data. Biometrics.
    1982;38(4):963-974. doi:10.2307/2529876

    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23 (Methods: statistical analysis).
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> model = fit_trial_model(synthetic_trial(seed=0))
    >>> print(f"{model.estimate('prt_vs_placebo', '12mo'):.2f}")
    -1.33
    >>> model.n_participants
    151
    """
    import statsmodels.api as sm

    need = ("participant", "arm", "time", "pain") + (("age", "sex") if covariates else ())
    check_table(df, need)
    if not isinstance(covariates, bool | np.bool_):
        raise ValueError(f"covariates must be True or False; got {covariates!r}.")
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    data = df.dropna(subset=["pain"] + (["age", "sex"] if covariates else []))
    arms = [a for a in ARMS if (data["arm"] == a).any()]
    if "prt" not in arms or len(arms) < 2:
        raise ValueError(f"df must hold the PRT arm and at least one control arm; it holds "
                         f"{', '.join(arms) or 'no known arm'}.")
    controls = [a for a in arms if a != "prt"]
    reference = "placebo" if "placebo" in controls else controls[0]
    others = [a for a in arms if a != reference]
    times = [t for t in TIMES[1:] if (data["time"] == t).any()]
    arm = data["arm"].astype(str).to_numpy()
    time = data["time"].astype(str).to_numpy()
    columns = {"const": np.ones(len(data))}
    for a in others:
        columns[a] = (arm == a).astype(float)
    for t in times:
        columns[t] = (time == t).astype(float)
    for a in others:
        for t in times:
            columns[f"{a}:{t}"] = columns[a] * columns[t]
    if covariates:
        age = data["age"].to_numpy(float)
        columns["age"] = age - age.mean()
        columns["female"] = (data["sex"].astype(str).to_numpy() == "female").astype(float)
    exog = pd.DataFrame(columns, index=data.index)
    model = sm.MixedLM(data["pain"].to_numpy(float), exog,
                       groups=data["participant"].astype(str).to_numpy())
    result = model.fit(reml=True)
    beta = result.fe_params
    cov = result.cov_params().loc[beta.index, beta.index].to_numpy()
    z_crit = float(stats.norm.ppf(0.5 + level / 2.0))
    rows = []
    for control in controls:
        comparison = f"prt_vs_{control}"
        for t in times:
            weights = pd.Series(0.0, index=beta.index)
            weights[f"prt:{t}"] += 1.0
            if control != reference:
                weights[f"{control}:{t}"] -= 1.0
            vec = weights.to_numpy()
            est = float(vec @ beta.to_numpy())
            se = float(np.sqrt(vec @ cov @ vec))
            z = est / se
            rows.append((comparison, t, est, se, z, float(2.0 * stats.norm.sf(abs(z))),
                         est - z_crit * se, est + z_crit * se))
    contrasts = pd.DataFrame(rows, columns=["comparison", "time", "estimate", "se", "z", "p",
                                            "ci_low", "ci_high"])
    return TrialModel(contrasts=contrasts.set_index(["comparison", "time"]),
                      fixed_effects=beta, participant_var=float(result.cov_re.iloc[0, 0]),
                      residual_var=float(result.scale), n_obs=int(len(data)),
                      n_participants=int(data["participant"].nunique()),
                      covariates=bool(covariates), converged=bool(result.converged),
                      confidence_level=level)


@dataclass(frozen=True)
class CompletersTest:
    """Welch's t-test of PRT against a control among the people seen at one visit.

    Attributes
    ----------
    comparison, time, outcome : str
    difference : float
        Mean of PRT minus mean of control (change from baseline, or the level).
    t, df, p : float
        Welch's statistic, its degrees of freedom and the two-sided p-value.
    ci : Interval
        Welch's t interval of the difference, with its level.
    n_prt, n_control : int
        People analysed in each arm.
    """

    comparison: str
    time: str
    outcome: str
    difference: float
    t: float
    df: float
    p: float
    ci: Interval
    n_prt: int
    n_control: int

    def __str__(self) -> str:
        return (f"Completers, {self.outcome} at {self.time}, {self.comparison}: difference "
                f"{self.difference:.2f} ({self.ci.low:.2f} to {self.ci.high:.2f}), "
                f"t({self.df:.1f}) = {self.t:.2f}, p = {self.p:.2g}; n = {self.n_prt} vs "
                f"{self.n_control}")


def completers_ttest(df, comparison="prt_vs_placebo", time="12mo", outcome="change",
                     confidence_level=0.95) -> CompletersTest:
    """Welch's two-sample t-test on the people seen at one visit (a completers' analysis).

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :mod:`prtlib.trial.cohort`.
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "12mo"
    outcome : {"change", "level"}, default "change"
        Pain at ``time`` minus baseline, or pain at ``time``.
    confidence_level : float, default 0.95

    Returns
    -------
    CompletersTest

    Raises
    ------
    ValueError
        For a bad argument or a table without the needed columns.

    Notes
    -----
    ``t = (mean_1 - mean_2) / sqrt(s_1^2/n_1 + s_2^2/n_2)`` with Welch-Satterthwaite
    degrees of freedom ``(s_1^2/n_1 + s_2^2/n_2)^2 / ((s_1^2/n_1)^2/(n_1-1) +
    (s_2^2/n_2)^2/(n_2-1))``. Only people with a value at ``time`` (and at baseline for a
    change) count.

    References
    ----------
    Welch BL. The generalization of "Student's" problem when several different
    population variances are involved. Biometrika. 1947;34(1-2):28-35.
    doi:10.1093/biomet/34.1-2.28

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> res = completers_ttest(synthetic_trial(seed=0), "prt_vs_placebo", "12mo")
    >>> res.n_prt, res.n_control
    (45, 43)
    >>> print(f"{res.difference:.2f}")
    -1.41
    """
    control = control_arm(comparison)
    time = _validate.choice("time", time, TIMES[1:])
    outcome = _validate.choice("outcome", outcome, ("change", "level"))
    level = _validate.probability("confidence_level", confidence_level, open_interval=True)
    check_table(df, ("participant", "arm", "time", "pain"))
    w = wide(df, "pain")
    if time not in w.columns:
        raise ValueError(f"time must be a visit present in df; {time!r} has no rows.")
    value = w[time] - w["baseline"] if outcome == "change" else w[time]
    x = value[w["arm"] == "prt"].dropna().to_numpy(float)
    y = value[w["arm"] == control].dropna().to_numpy(float)
    if x.size < 2 or y.size < 2:
        raise ValueError("each arm needs at least two people seen at that visit.")
    v1, v2 = x.var(ddof=1) / x.size, y.var(ddof=1) / y.size
    diff = float(x.mean() - y.mean())
    se = math.sqrt(v1 + v2)
    dof = (v1 + v2) ** 2 / (v1 ** 2 / (x.size - 1) + v2 ** 2 / (y.size - 1))
    t_stat = diff / se
    half = float(stats.t.ppf(0.5 + level / 2.0, dof)) * se
    return CompletersTest(comparison=comparison, time=time, outcome=outcome, difference=diff,
                          t=t_stat, df=float(dof), p=float(2.0 * stats.t.sf(abs(t_stat), dof)),
                          ci=Interval(diff - half, diff + half, level, "Welch t"), n_prt=int(x.size),
                          n_control=int(y.size))


def carry_forward(df, value="pain") -> pd.DataFrame:
    """The wide table of a measure with each missing visit filled by the last value seen.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :mod:`prtlib.trial.cohort`.
    value : str, default "pain"
        The numeric column.

    Returns
    -------
    pandas.DataFrame
        As :func:`prtlib.trial.cohort.wide`, with NaNs after a person's first seen value
        replaced by their last seen value (last observation carried forward).

    Raises
    ------
    ValueError
        If ``df`` is not such a table or ``value`` is not one of its numeric columns.

    Notes
    -----
    Along each row, in time order: ``y*_t = y_t`` if seen, else ``y*_{t-1}``.

    References
    ----------
    Little RJ, et al. N Engl J Med. 2012;367(14):1355-1360. doi:10.1056/NEJMsr1203730

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> filled = carry_forward(synthetic_trial(seed=0))
    >>> int(filled["12mo"].isna().sum())
    0
    """
    w = wide(df, value)
    times = [c for c in w.columns if c != "arm"]
    w[times] = w[times].ffill(axis=1)
    return w


def cohort_estimates(df, comparison="prt_vs_placebo", time="12mo") -> pd.DataFrame:
    """The effect at one visit estimated three ways on one cohort table.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :mod:`prtlib.trial.cohort` (with ``age`` and ``sex``).
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_placebo"
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "12mo"

    Returns
    -------
    pandas.DataFrame
        Indexed by method (``completers``, ``locf``, ``mixed_model``); columns
        ``estimate`` (PRT minus control, difference in mean change from baseline) and
        ``people`` (people whose data enter the estimate).

    Raises
    ------
    ValueError
        For a bad argument or table.

    Notes
    -----
    Completers: :func:`completers_ttest` on the change. LOCF: the difference in mean
    change on :func:`carry_forward`'s table, everyone with a baseline. Mixed model:
    :func:`fit_trial_model` on both arms' available data (age and sex included).

    References
    ----------
    Little RJA, Rubin DB. Statistical Analysis with Missing Data. 3rd ed. Wiley; 2019.
    doi:10.1002/9781119482260

    Examples
    --------
    >>> from prtlib.trial.cohort import synthetic_trial
    >>> est = cohort_estimates(synthetic_trial(seed=0))
    >>> est["people"].to_dict()
    {'completers': 88, 'locf': 101, 'mixed_model': 101}
    """
    control = control_arm(comparison)
    time = _validate.choice("time", time, TIMES[1:])
    check_table(df, ("participant", "arm", "time", "pain", "age", "sex"))
    two = df[df["arm"].isin(["prt", control])]
    ttest = completers_ttest(two, comparison, time, "change")
    filled = carry_forward(two)
    change = filled[time] - filled["baseline"]
    locf = float(change[filled["arm"] == "prt"].mean() - change[filled["arm"] == control].mean())
    model = fit_trial_model(two)
    out = pd.DataFrame({
        "estimate": [ttest.difference, locf, model.estimate(comparison, time)],
        "people": [ttest.n_prt + ttest.n_control, int(change.notna().sum()),
                   model.n_participants],
    }, index=pd.Index(list(METHODS), name="method"))
    return out


# ---------------------------------------------------------------------------------------
# Responders when outcomes are missing
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponderSensitivity:
    """Responder percentages of PRT and one control under assumptions about the missing.

    Attributes
    ----------
    comparison, rule, time : str
    randomized, seen, responders, missing : dict of str to int
        Per arm ("prt" and the control): people randomized, seen at ``time``, responders
        among them (eTable 2), and people not seen.
    missing_response : float
        The assumed share of missing people who would have responded (0 to 1).

    Notes
    -----
    See :func:`responder_sensitivity`.
    """

    comparison: str
    rule: str
    time: str
    randomized: dict
    seen: dict
    responders: dict
    missing: dict
    missing_response: float

    @property
    def control(self) -> str:
        return self.comparison.removeprefix("prt_vs_")

    def percent(self, arm: str, missing_response=None) -> float:
        """Responders in percent of those randomized, if a share ``missing_response`` of
        the missing would have responded (default: this object's assumption)."""
        arm = _validate.choice("arm", arm, ("prt", self.control))
        p = self.missing_response if missing_response is None else _validate.probability(
            "missing_response", missing_response)
        return 100.0 * (self.responders[arm] + p * self.missing[arm]) / self.randomized[arm]

    def completers_percent(self, arm: str) -> float:
        """Responders in percent of those seen (the missing ignored)."""
        arm = _validate.choice("arm", arm, ("prt", self.control))
        return 100.0 * self.responders[arm] / self.seen[arm]

    def difference(self, missing_response=None) -> float:
        """PRT minus control, percentage points, under a shared ``missing_response``."""
        return self.percent("prt", missing_response) - self.percent(self.control,
                                                                      missing_response)

    @property
    def non_responder_difference(self) -> float:
        """PRT minus control when every missing person counts as a non-responder."""
        return self.difference(0.0)

    @property
    def completers_difference(self) -> float:
        """PRT minus control among those seen only."""
        return self.completers_percent("prt") - self.completers_percent(self.control)

    @property
    def worst_case_difference(self) -> float:
        """Missing PRT people all fail and missing controls all respond."""
        return (100.0 * self.responders["prt"] / self.randomized["prt"]
                - 100.0 * (self.responders[self.control] + self.missing[self.control])
                / self.randomized[self.control])

    @property
    def slope(self) -> float:
        """Change of :meth:`difference` (points) per unit of ``missing_response``."""
        return 100.0 * (self.missing["prt"] / self.randomized["prt"]
                        - self.missing[self.control] / self.randomized[self.control])

    @property
    def non_responder_is_conservative(self) -> bool:
        """True if counting the missing as non-responders gives the smallest PRT advantage
        among shared assumptions (PRT lost a larger share than the control)."""
        return self.slope > 0

    def __str__(self) -> str:
        return (f"{self.rule} at {self.time}, {self.comparison}: missing = non-responder "
                f"{self.non_responder_difference:.1f} points; completers only "
                f"{self.completers_difference:.1f}; with {100 * self.missing_response:.0f}% "
                f"of the missing responding {self.difference():.1f}")


def responder_sensitivity(comparison="prt_vs_usual_care", rule="pain01", time="12mo",
                          missing_response=0.0) -> ResponderSensitivity:
    """eTable 2's responder comparison under different assumptions about missing people.

    Parameters
    ----------
    comparison : {"prt_vs_placebo", "prt_vs_usual_care"}, default "prt_vs_usual_care"
    rule : {"pain01", "reduction30", "reduction50"}, default "pain01"
    time : {"post", "12mo"}, default "12mo"
    missing_response : float, default 0.0
        Share of the people not seen who would have responded, the same in both arms.
        0 is the paper's rule (missing = non-responder).

    Returns
    -------
    ResponderSensitivity

    Raises
    ------
    ValueError
        For an argument outside its allowed values.
    RuntimeError
        If the ledger's counts are inconsistent (more responders than people seen).

    Notes
    -----
    Responders are recovered from eTable 2 by
    :func:`prtlib.trial.responders.responder_counts` (percent of randomized, missing counted
    as non-response); the people seen are Figure 1's monitored counts. With ``r``
    responders among ``s`` seen of ``n`` randomized, an assumption ``p`` gives
    ``100 (r + p (n - s)) / n``. The PRT-minus-control difference is linear in ``p`` with
    slope ``100 (m_prt / n_prt - m_ctl / n_ctl)`` (``m`` = missing): counting the missing
    as non-responders is the cautious choice only when PRT lost the larger share; when
    the control arm lost more, it flatters PRT.

    References
    ----------
    White IR, Horton NJ, Carpenter J, Pocock SJ. Strategy for intention to treat analysis
    in randomised trials with missing outcome data. BMJ. 2011;342:d40.
    doi:10.1136/bmj.d40

    Examples
    --------
    >>> s = responder_sensitivity("prt_vs_usual_care", "pain01", "12mo")
    >>> s.responders, s.seen
    ({'prt': 26, 'usual_care': 8}, {'prt': 45, 'usual_care': 36})
    >>> print(f"{s.non_responder_difference:.1f} {s.completers_difference:.1f}")
    36.0 35.6
    >>> s.non_responder_is_conservative
    False
    """
    control = control_arm(comparison)
    rule = _validate.choice("rule", rule, RESPONDER_RULES)
    time = _validate.choice("time", time, RESPONDER_TIMES)
    p = _validate.probability("missing_response", missing_response)
    counts = responder_counts(rule, time)
    get = published.get
    arms = ("prt", control)
    seen = {a: int(get(f"n.monitored.{time}.{a}")) for a in arms}
    responders = {a: int(counts.counts[a]) for a in arms}
    randomized = {a: int(counts.randomized[a]) for a in arms}
    for a in arms:
        if responders[a] > seen[a]:
            raise RuntimeError(f"the ledger gives {responders[a]} responders but only "
                               f"{seen[a]} people seen ({rule}, {time}, {a}).")
    return ResponderSensitivity(comparison=comparison, rule=rule, time=time,
                                randomized=randomized, seen=seen, responders=responders,
                                missing={a: randomized[a] - seen[a] for a in arms},
                                missing_response=p)
