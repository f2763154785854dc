"""Lesson 02's exercises: regression to the mean, confounding, intention to treat, allocation.

Every expected answer is computed here from :mod:`prtlib.trial.published` and :mod:`prtlib.trial.designs`.
The learner computes most answers herself (a formula with scipy, a difference of means with
pandas, percentages and counts from the ledger); the ``prtlib`` function that does the same
job is named in the explanation, to compare.

Hints come in three levels (see :mod:`prtlib.course.checks`): ``nudge`` (the idea), ``method`` (the
quantities and the formula with its source) and ``recipe`` (worked steps). A wrong answer's
feedback shows the nudge.

The lesson itself (course/02_randomized_designs.ipynb) asks for one prediction,
``02.predict_usual_care_fall``; the exercise set asks for ``02.predict_simple_imbalance``.
"""

from __future__ import annotations

from prtlib.course.checks import Exercise, Mistake, register
from prtlib.trial import designs, published
from prtlib.trial.constants import ARMS

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


def _simple_running():
    cov = designs.trial_covariates(seed=BLOCK_SETTINGS["seed"])
    arms = designs.allocate(cov, method="simple", seed=BLOCK_SETTINGS["seed"])[0]
    return designs.running_imbalance(arms)


# --- 02.predict_usual_care_fall (the lesson's prediction) -------------------------------

def _usual_care_fall() -> float:
    return (published.get("pain.baseline.usual_care.mean")
            - published.get("pain.post.usual_care.mean"))


BASELINE_CHOICES = ("randomization failed", "test the difference for significance",
                    "chance: adjust for baseline pain", "drop the usual-care arm")


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
        nudge="Entrants sit above the population mean partly because of their stable level "
              "and partly because of a lucky (or unlucky) week; only the second part goes "
              "away at the next rating.",
        method="Barnett, van der Pols & Dobson (2005): RTM = (1 - rho) sigma C(z), with "
               "z = (c - mu) / sigma and C(z) = phi(z) / (1 - Phi(z)), phi and Phi the "
               "standard normal density and distribution function (stats.norm.pdf, "
               "stats.norm.sf for 1 - Phi).",
        recipe="z = (4 - 3.5) / 2 = 0.25; c_of_z = stats.norm.pdf(z) / stats.norm.sf(z); "
               "rtm_drop = (1 - 0.6) * 2 * c_of_z.",
        explanation="About three quarters of a point of apparent improvement with no "
                    "treatment at all: all of it regression to the mean. "
                    "designs.regression_to_mean(**RTM_SETTINGS).effect computes the same.",
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
        nudge="Split the table by who chose therapy, and compare the two groups' average "
              "pain at follow-up, exactly as a naive analyst would.",
        method="The plain (unadjusted) difference of group means: mean follow-up pain among "
               "rows with therapy True, minus the mean among rows with therapy False. With "
               "pandas: a boolean mask in .loc, then .mean().",
        recipe="chose = study['therapy']; naive_difference = "
               "study.loc[chose, 'followup_pain'].mean() - "
               "study.loc[~chose, 'followup_pain'].mean().",
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
        nudge="Intention to treat counts everyone in the arm they were randomized to, "
              "whether or not they started treatment or gave data.",
        method="For each arm, percent = 100 x responders / randomized (Hollis & Campbell "
               "1999 on intention to treat; missing outcomes count as non-response); the "
               "answer is PRT's percent minus placebo's, in percentage points.",
        recipe="100 * published.get('responders.pain01.post.prt') / "
               "published.get('n.randomized.prt') minus the same with 'placebo'.",
        explanation="Under intention to treat, PRT left about 46 more people in every 100 "
                    "pain-free or nearly so than open-label placebo did. "
                    "designs.responder_rates(arm).itt_percent gives each arm's percentage.",
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
        nudge="Missing people are the ones randomized but not measured at that visit.",
        method="Missing at 1 month = number randomized (Figure 1) minus the sum over the "
               "three arms of the numbers measured at 1 month.",
        recipe="published.get('n.randomized.total') - sum(published.get(f'n.monitored.1mo."
               "{arm}') for arm in ['prt', 'placebo', 'usual_care']).",
        explanation="Nearly one participant in five had no data at one month: intention to "
                    "treat has to decide what to do with them.",
    ),
    Exercise(
        id="02.baseline_imbalance",
        title="what to make of usual care's lower baseline pain",
        expected=lambda: "chance: adjust for baseline pain",
        kind="choice",
        choices=BASELINE_CHOICES,
        reasons=(
            ("randomization failed", "A difference between randomized arms is what chance "
             "produces; it says nothing about whether allocation was done properly. Only "
             "the process (a concealed random sequence) tells you that."),
            ("test the difference for significance", "In a randomized trial every baseline "
             "difference is due to chance by design, so a test of 'no difference in the "
             "population' tests a hypothesis known to be true. The CONSORT 2010 explanation "
             "and elaboration advises against such tests; what matters is whether the factor predicts the outcome."),
            ("chance: adjust for baseline pain", "Randomization makes the arms alike on "
             "average, not in every trial. Baseline pain strongly predicts later pain, so "
             "an analysis that adjusts for it (as the trial's did) removes the imbalance "
             "from the comparison and gains precision."),
            ("drop the usual-care arm", "Dropping an arm throws away a randomized "
             "comparison for a difference that adjustment handles; it would also let the "
             "data decide the analysis after the fact."),
        ),
        mistakes=(
            Mistake("tested a baseline difference", lambda: "test the difference for "
                    "significance",
                    "A P value for a baseline difference between randomized arms tests "
                    "whether chance did what chance does. Ask instead whether the factor "
                    "matters for the outcome."),
        ),
        nudge="Ask what produced the difference, and whether any number could tell you "
              "more than the design already does.",
        method="Randomization guarantees balance on average, not in one trial; what "
               "to do about a chance imbalance depends on how strongly the factor predicts "
               "the outcome (the CONSORT 2010 explanation and elaboration, Moher et al. 2010, "
               "item 15).",
        recipe="The difference is chance by design; baseline pain predicts pain after "
               "treatment, so adjust for it. Choose 'chance: adjust for baseline pain'.",
        explanation="",
    ),
    Exercise(
        id="02.predict_simple_imbalance",
        title="your prediction: the largest running difference in arm sizes under simple "
              "randomization of 151 people",
        expected=lambda: int(_simple_running().max()),
        kind="prediction",
        tolerance=0,
        unit="people",
        explanation="With simple randomization each person's arm is an independent draw, so "
                    "the arm sizes wander like a random walk: nothing pulls them back "
                    "together, and over 151 people the gap between the biggest and smallest "
                    "arm can grow to a couple of dozen. Blocks and minimization exist to stop "
                    "that drift.",
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
        nudge="Follow the arm sizes person by person and record the worst moment, not the "
              "final count.",
        method="Allocate with permuted blocks of 6 (each arm twice per block in random "
               "order; Schulz & Grimes 2002), then after each person compute the largest "
               "arm minus the smallest arm, and take the maximum over recruitment.",
        recipe="arms = designs.allocate(people, method='block', block_size=6, seed=0)[0]; "
               "largest_imbalance = int(designs.running_imbalance(arms).max()).",
        explanation="Blocks of 6 never let one arm run more than 2 ahead, and bring the arms "
                    "level at the end of every block.",
    ),
    Exercise(
        id="02.predict_usual_care_fall",
        title="your prediction: the fall in the usual-care arm's mean pain, baseline to after "
              "treatment",
        expected=_usual_care_fall,
        kind="prediction",
        tolerance=0.01,
        unit="points",
        explanation="Usual care received nothing new, yet its mean pain fell by most of a "
                    "point. Regression to the mean (people entered after a bad spell), the "
                    "natural course of back pain and the effect of being in a study and "
                    "being asked about one's pain all push scores down. The trial does not "
                    "need to tell these apart: comparing arms subtracts them all.",
    ),
)
