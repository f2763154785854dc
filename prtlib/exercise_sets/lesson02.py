"""Lesson 02's exercises: regression to the mean, confounding, intention to treat, allocation."""

from __future__ import annotations

from prtlib import designs, published
from prtlib.checks import Exercise, Mistake, register
from prtlib.constants import ARMS

RTM_SETTINGS = {"threshold": float(published.get("design.screening_pain_min")), "mean": 3.5,
                "sd": 2.0, "reliability": 0.6}
"""The population of exercise ``02.rtm_drop``: the trial's entry threshold, and illustrative
population values (mean, SD and reliability are modelling choices, not trial numbers)."""

OBSERVATIONAL_SETTINGS = {"selection": 1.5, "true_effect": -1.0, "seed": 1}
"""The simulated observational study of exercise ``02.naive_difference``."""

BLOCK_SETTINGS = {"block_size": 6, "seed": 0}
"""The allocation of exercise ``02.block_max_imbalance``."""


# --- 02.rtm_drop ------------------------------------------------------------------------

def _rtm():
    return designs.regression_to_mean(**RTM_SETTINGS)


def _rtm_selection_gap() -> float:
    r = _rtm()
    return r.entry_mean - r.mean


# --- 02.naive_difference ----------------------------------------------------------------

def _study():
    return designs.observational_study(**OBSERVATIONAL_SETTINGS)


def _difference(column: str) -> float:
    df = _study()
    return float(df.loc[df["therapy"], column].mean() - df.loc[~df["therapy"], column].mean())


# --- 02.itt_difference ------------------------------------------------------------------

def _itt_difference(per_protocol: bool = False) -> float:
    prt, placebo = designs.responder_rates("prt"), designs.responder_rates("placebo")
    if per_protocol:
        return prt.per_protocol_percent - placebo.per_protocol_percent
    return prt.itt_percent - placebo.itt_percent


def _risk_ratio() -> float:
    return designs.responder_rates("prt").itt_percent / designs.responder_rates(
        "placebo").itt_percent


# --- 02.missing_1mo ---------------------------------------------------------------------

def _monitored(time: str) -> int:
    return sum(int(published.get(f"n.monitored.{time}.{arm}")) for arm in ARMS)


def _missing(time: str) -> int:
    return int(published.get("n.randomized.total")) - _monitored(time)


# --- 02.block_max_imbalance -------------------------------------------------------------

def _block_running():
    cov = designs.trial_covariates(seed=BLOCK_SETTINGS["seed"])
    arms = designs.allocate(cov, method="block", block_size=BLOCK_SETTINGS["block_size"],
                            seed=BLOCK_SETTINGS["seed"])[0]
    return designs.running_imbalance(arms)


register(
    Exercise(
        id="02.rtm_drop",
        title="expected fall in pain with no treatment, after entry at pain >= 4",
        expected=lambda: _rtm().effect,
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("left out the within-person share", _rtm_selection_gap,
                    "That is how far entrants' screening scores sit above the population "
                    "mean, sd * C(z). Only the unstable part of that gap disappears at the "
                    "next measurement: multiply by (1 - reliability)."),
            Mistake("used the reliability instead of 1 - reliability",
                    lambda: RTM_SETTINGS["reliability"] * _rtm_selection_gap(),
                    "The part of the gap that stays is the reliable part; the part that "
                    "regresses is the unreliable part, (1 - reliability)."),
        ),
        hint="z = (threshold - mean) / sd; C = norm.pdf(z) / norm.sf(z); the expected fall is "
             "(1 - reliability) * sd * C (Barnett et al. 2005).",
        explanation="About three quarters of a point of apparent improvement with no "
                    "treatment at all: all of it regression to the mean.",
    ),
    Exercise(
        id="02.naive_difference",
        title="mean follow-up pain, therapy minus no therapy, in the observational study",
        expected=lambda: _difference("followup_pain"),
        tolerance=0.01,
        unit="points",
        mistakes=(
            Mistake("subtracted the wrong way round", lambda: -_difference("followup_pain"),
                    "Right size, wrong sign: take those who chose therapy minus those who "
                    "did not."),
            Mistake("compared baseline pain", lambda: _difference("baseline_pain"),
                    "That is the difference in baseline pain (the confounding itself). The "
                    "question asks about 'followup_pain'."),
            Mistake("gave the true effect", lambda: OBSERVATIONAL_SETTINGS["true_effect"],
                    "That is the effect built into the simulation, not what the data show. "
                    "Compute the difference of means from the table."),
        ),
        hint="df.loc[df['therapy'], 'followup_pain'].mean() minus the same for ~df['therapy'].",
        explanation="The plain comparison makes therapy look almost twice as good as its true "
                    "effect of -1 point, because those who chose it started with less pain.",
    ),
    Exercise(
        id="02.itt_difference",
        title="ITT difference in % pain-free (0 or 1) after treatment, PRT minus placebo",
        expected=_itt_difference,
        tolerance=0.1,
        unit="percentage points",
        mistakes=(
            Mistake("divided by those who started", lambda: _itt_difference(per_protocol=True),
                    "You divided by those who started treatment (45 and 44). Intention to "
                    "treat divides by everyone randomized (50 and 51)."),
            Mistake("gave a ratio", _risk_ratio,
                    "That is a ratio of the two percentages (a risk ratio). The question asks "
                    "for their difference, in percentage points."),
            Mistake("subtracted the wrong way round", lambda: -_itt_difference(),
                    "Right size, wrong sign: PRT minus placebo."),
        ),
        hint="100 * 'responders.pain01.post.prt' / 'n.randomized.prt' minus the same for "
             "placebo.",
        explanation="Under intention to treat, PRT left about 46 more people in every 100 "
                    "pain-free or nearly so than open-label placebo did.",
    ),
    Exercise(
        id="02.missing_1mo",
        title="randomized participants without data at the 1-month follow-up, all arms",
        expected=lambda: _missing("1mo"),
        kind="integer",
        tolerance=0.0,
        close_within=0.0,
        unit="people",
        mistakes=(
            Mistake("gave those measured", lambda: _monitored("1mo"),
                    "That is how many were measured; subtract it from everyone randomized."),
            Mistake("used the post-treatment visit", lambda: _missing("post"),
                    "That is the count for post-treatment; use the keys with '1mo'."),
        ),
        hint="'n.randomized.total' minus the sum of 'n.monitored.1mo.<arm>' over the arms.",
        explanation="Nearly one participant in five had no data at one month: intention to "
                    "treat has to decide what to do with them.",
    ),
    Exercise(
        id="02.block_max_imbalance",
        title="largest difference in arm sizes at any point, permuted blocks of 6",
        expected=lambda: int(_block_running().max()),
        kind="integer",
        tolerance=0.0,
        close_within=0.0,
        unit="people",
        mistakes=(
            Mistake("looked only at the end", lambda: int(_block_running()[-1]),
                    "That is the imbalance after the last person. The question asks for the "
                    "largest imbalance at any point: take the maximum of running_imbalance."),
            Mistake("gave the block size", lambda: BLOCK_SETTINGS["block_size"],
                    "That is the block size. Within a block of 6 with 3 arms, each arm gets 2 "
                    "places, which caps how far ahead one arm can get."),
        ),
        hint="arms = designs.allocate(cov, method='block', block_size=6, seed=0)[0]; then "
             "designs.running_imbalance(arms).max().",
        explanation="Blocks of 6 never let one arm run more than 2 ahead, and bring the arms "
                    "level at the end of every block.",
    ),
)
