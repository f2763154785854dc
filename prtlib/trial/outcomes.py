"""Published outcomes, arranged for the lessons: pain by arm and time from the ledger."""

from __future__ import annotations

from dataclasses import dataclass

from prtlib import _validate
from prtlib.trial.constants import ARM_LABELS, ARMS, TIME_LABELS, TIMES


@dataclass(frozen=True)
class PainChange:
    """Average pain of one arm at baseline and at a later time (Table 2 of the paper)."""

    arm: str
    time: str
    before: float
    after: float
    sd_before: float
    sd_after: float

    @property
    def change(self) -> float:
        """Points of pain lost from baseline (positive = less pain)."""
        return self.before - self.after

    @property
    def percent_change(self) -> float:
        """The drop as a percentage of baseline pain."""
        return 100.0 * self.change / self.before

    def sentence(self) -> str:
        """A plain-language sentence for a readout."""
        direction = "fell" if self.change > 0 else "rose"
        when = ("after treatment" if self.time == "post"
                else f"at the {TIME_LABELS[self.time].lower()}")
        return (
            f"{ARM_LABELS[self.arm]}: average pain {direction} from {self.before:.2f} at "
            f"baseline to {self.after:.2f} {when} "
            f"(0-10 scale), a change of {abs(self.change):.2f} points "
            f"({abs(self.percent_change):.0f}% of the starting level)."
        )


def pain_change(arm: str, time: str = "post") -> PainChange:
    """Average pain of an arm at baseline and at a later time, from the ledger.

    Parameters
    ----------
    arm : {"prt", "placebo", "usual_care"}
        The randomized arm.
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}
        The later assessment.

    Returns
    -------
    PainChange
        ``before`` and ``after`` are the Table 2 means (0-10); ``change`` is before minus
        after, so a positive change means less pain.

    Raises
    ------
    ValueError
        For an unknown arm or time.

    Notes
    -----
    These are the published means of everyone assessed at each time. They are not
    paired within people, so ``change`` is a difference of group means, not a mean of
    individual changes.

    References
    ----------
    Ashar YK et al. Effect of Pain Reprocessing Therapy vs Placebo and Usual Care for
    Patients With Chronic Back Pain. JAMA Psychiatry 2022;79(1):13-23, Table 2.
    doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> result = pain_change("prt", "post")
    >>> round(result.change, 2)
    3.04
    """
    from prtlib.trial import published

    _validate.choice("arm", arm, ARMS)
    _validate.choice("time", time, TIMES[1:])
    return PainChange(
        arm=arm,
        time=time,
        before=published.get(f"pain.baseline.{arm}.mean"),
        after=published.get(f"pain.{time}.{arm}.mean"),
        sd_before=published.get(f"pain.baseline.{arm}.sd"),
        sd_after=published.get(f"pain.{time}.{arm}.sd"),
    )
