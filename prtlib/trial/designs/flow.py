"""Intention to treat and the CONSORT flow: responders over four denominators, and the
trial's participant flow from the ledger's Figure 1 counts."""

from __future__ import annotations

from dataclasses import dataclass

from prtlib import _validate
from prtlib.trial import published
from prtlib.trial.constants import ARMS
from prtlib.trial.responders import responder_counts

__all__ = ["ConsortFlow", "ResponderRates", "consort_flow", "responder_rates"]


@dataclass(frozen=True)
class ResponderRates:
    """One arm's responders (pain 0 or 1 after treatment) over four denominators.

    Attributes
    ----------
    arm : str
    responders : int
        People with pain 0 or 1 at post-treatment.
    randomized : int
        Everyone allocated to the arm.
    started : int
        Those who started the arm's treatment (PRT: initiated; placebo: received the
        injection; usual care: everyone, as there was nothing to start).
    observed : int
        Those with pain measured at post-treatment.
    """

    arm: str
    responders: int
    randomized: int
    started: int
    observed: int

    @property
    def itt_percent(self) -> float:
        """Intention to treat: responders / randomized, missing counted as non-response."""
        return 100.0 * self.responders / self.randomized

    @property
    def per_protocol_percent(self) -> float:
        """Per protocol: responders / those who started treatment."""
        return 100.0 * self.responders / self.started

    @property
    def complete_case_percent(self) -> float:
        """Complete cases: responders / those measured at post-treatment."""
        return 100.0 * self.responders / self.observed

    @property
    def best_case_percent(self) -> float:
        """Upper bound: every unmeasured person counted as a responder."""
        return 100.0 * (self.responders + self.randomized - self.observed) / self.randomized

    def __str__(self) -> str:
        return (f"{self.arm}: {self.responders} responders; ITT {self.itt_percent:.0f}% of "
                f"{self.randomized}, per protocol {self.per_protocol_percent:.0f}% of "
                f"{self.started}, complete cases {self.complete_case_percent:.0f}% of "
                f"{self.observed}, best case {self.best_case_percent:.0f}%.")


def responder_rates(arm="prt") -> ResponderRates:
    """Responders after treatment in one arm, with the denominators that change the story.

    Parameters
    ----------
    arm : {"prt", "placebo", "usual_care"}, default "prt"
        The randomized arm.

    Returns
    -------
    ResponderRates
        Counts from the ledger and the percentages they give (ITT, per protocol,
        complete cases, best case).

    Raises
    ------
    ValueError
        For an unknown arm.

    Notes
    -----
    The responders are :func:`prtlib.trial.responders.responder_counts` (pain 0 or 1
    after treatment). The trial's responder percentages (eTable 2) divide by everyone
    randomized and count a missing outcome as no response: ``ITT = 100 r / n_randomized``. Dividing by those
    who started treatment (per protocol) or by those measured (complete cases) gives
    larger numbers that describe selected groups. The best case ``100 (r + n_randomized -
    n_observed) / n_randomized`` bounds what the missing people could add.

    References
    ----------
    Hollis S, Campbell F. What is meant by intention to treat analysis? Survey of
    published randomised controlled trials. BMJ. 1999;319(7211):670-674.
    doi:10.1136/bmj.319.7211.670

    Examples
    --------
    >>> r = responder_rates("prt")
    >>> print(f"{r.itt_percent:.1f} {r.per_protocol_percent:.1f} {r.complete_case_percent:.1f}")
    66.0 73.3 75.0
    """
    arm = _validate.choice("arm", arm, ARMS)
    get = published.get
    randomized = int(get(f"n.randomized.{arm}"))
    started = {"prt": "n.prt.initiated", "placebo": "n.placebo.received"}.get(arm)
    return ResponderRates(
        arm=arm,
        responders=responder_counts("pain01", "post").counts[arm],
        randomized=randomized,
        started=int(get(started)) if started else randomized,
        observed=int(get(f"n.monitored.post.{arm}")),
    )


# ---------------------------------------------------------------------------------------
# CONSORT flow
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsortFlow:
    """The trial's participant flow (CONSORT), as printed in Figure 1 of the paper.

    Attributes
    ----------
    screened, assessed_in_person, completed_pretreatment : int
        The enrolment funnel.
    randomized : dict of str to int
        Randomized per arm.
    prt_initiated, prt_never_initiated, prt_completed, prt_dropped : int
        What happened in the PRT arm.
    placebo_received, placebo_lost, placebo_withdrew : int
        What happened in the placebo arm.
    monitored : dict of str to dict of str to int
        People with data at each later time, per arm.
    excluded_low_pain : tuple of int
        The two screening-exclusion counts for pain below 4/10.
    """

    screened: int
    assessed_in_person: int
    completed_pretreatment: int
    randomized: dict
    prt_initiated: int
    prt_never_initiated: int
    prt_completed: int
    prt_dropped: int
    placebo_received: int
    placebo_lost: int
    placebo_withdrew: int
    monitored: dict
    excluded_low_pain: tuple

    @property
    def randomized_total(self) -> int:
        """Everyone randomized."""
        return sum(self.randomized.values())

    def missing(self, time: str = "post") -> dict:
        """Randomized people without data at ``time``, per arm.

        Parameters
        ----------
        time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "post"
            The assessment.

        Returns
        -------
        dict of str to int
            ``randomized - monitored`` for each arm.

        Raises
        ------
        ValueError
            For an unknown time.

        Examples
        --------
        >>> consort_flow().missing("post")
        {'prt': 6, 'placebo': 7, 'usual_care': 3}
        """
        time = _validate.choice("time", time, tuple(self.monitored))
        return {arm: self.randomized[arm] - self.monitored[time][arm] for arm in ARMS}

    def check(self) -> list:
        """Arithmetic checks of the flow; an empty list means every sum adds up.

        Returns
        -------
        list of str
            One sentence per inconsistency: more randomized than assessed, PRT's initiated
            plus never-initiated not equal to its randomized, completed plus dropped not
            equal to initiated, or more people monitored than randomized.

        Examples
        --------
        >>> consort_flow().check()
        []
        """
        problems = []
        if self.randomized_total > self.completed_pretreatment:
            problems.append("more randomized than completed the pretreatment assessment")
        if self.prt_initiated + self.prt_never_initiated != self.randomized["prt"]:
            problems.append("PRT: initiated + never initiated != randomized")
        if self.prt_completed + self.prt_dropped != self.prt_initiated:
            problems.append("PRT: completed + dropped != initiated")
        for time, counts in self.monitored.items():
            for arm, n in counts.items():
                if n > self.randomized[arm]:
                    problems.append(f"{arm} at {time}: more monitored than randomized")
        return problems


def consort_flow() -> ConsortFlow:
    """The trial's participant flow from the ledger (Figure 1 of the paper).

    Returns
    -------
    ConsortFlow
        Every count of the flow, and helpers for missing data and arithmetic checks.

    Notes
    -----
    No number is computed here; :meth:`ConsortFlow.check` verifies that the printed
    counts add up (randomized = initiated + never initiated in PRT, and so on).

    References
    ----------
    Schulz KF, Altman DG, Moher D; CONSORT Group. CONSORT 2010 statement: updated
    guidelines for reporting parallel group randomised trials. BMJ. 2010;340:c332.
    doi:10.1136/bmj.c332

    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23, Figure 1.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> flow = consort_flow()
    >>> flow.randomized_total, flow.check()
    (151, [])
    >>> flow.missing("12mo")
    {'prt': 5, 'placebo': 8, 'usual_care': 14}
    """
    get = published.get
    times = ("post", "1mo", "2mo", "3mo", "6mo", "12mo")
    return ConsortFlow(
        screened=int(get("n.screened")),
        assessed_in_person=int(get("n.assessed_in_person")),
        completed_pretreatment=int(get("n.completed_pretreatment")),
        randomized={arm: int(get(f"n.randomized.{arm}")) for arm in ARMS},
        prt_initiated=int(get("n.prt.initiated")),
        prt_never_initiated=int(get("n.prt.never_initiated")),
        prt_completed=int(get("n.prt.completed")),
        prt_dropped=int(get("n.prt.dropped")),
        placebo_received=int(get("n.placebo.received")),
        placebo_lost=int(get("n.placebo.lost")),
        placebo_withdrew=int(get("n.placebo.withdrew")),
        monitored={time: {arm: int(get(f"n.monitored.{time}.{arm}")) for arm in ARMS}
                   for time in times},
        excluded_low_pain=(int(get("n.excluded.pain_below_4.first")),
                           int(get("n.excluded.pain_below_4.second"))),
    )
