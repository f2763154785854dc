"""Numbers the lessons quote from the literature (not from the trial), each with its source.

The number test in ``tests/test_prose.py`` accepts a decimal in a lesson's prose when the
ledger prints it, when an output of the same notebook shows it, or when it is listed here for
that lesson. Add a row only for a value the lesson itself attributes to a cited work; a value
the course computes belongs in an output, and a trial number in the ledger.
"""

from __future__ import annotations

from typing import NamedTuple


class LiteratureValue(NamedTuple):
    value: str
    """As the lesson prints it, without sign (trailing zeros as written)."""
    citation: str
    """The work, as the course's bibliography gives it, and what the number is there."""
    notebook: str
    """The lesson ("00"-"09") that quotes it."""


_HROBJARTSSON = ("Hróbjartsson A, Emanuelsson F, Skou Thomsen AS, Hilden J, Brorson S. Bias due "
                 "to lack of patient blinding in clinical trials. Int J Epidemiol. "
                 "2014;43(4):1272-1283")

LITERATURE: tuple[LiteratureValue, ...] = (
    LiteratureValue("0.50", "Cohen J. Statistical Power Analysis for the Behavioral Sciences. "
                    "2nd ed. Erlbaum; 1988: d = 0.5 is a 'medium' effect", "03"),
    LiteratureValue("0.56", f"{_HROBJARTSSON}: pooled difference in effect size, non-blinded "
                    "minus blinded patients, 12 trials", "09"),
    LiteratureValue("0.71", f"{_HROBJARTSSON}: lower end of the 95% CI of that difference", "09"),
    LiteratureValue("0.41", f"{_HROBJARTSSON}: upper end of the 95% CI of that difference; also "
                    "the lower end of the CI in the two non-acupuncture trials", "09"),
    LiteratureValue("0.17", f"{_HROBJARTSSON}: the difference in the two non-acupuncture "
                    "trials", "09"),
    LiteratureValue("0.07", f"{_HROBJARTSSON}: upper end of the 95% CI in the two "
                    "non-acupuncture trials", "09"),
)
