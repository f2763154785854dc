"""The ledger's row type, :class:`Fact`, and the ledger itself, built from every source's facts.

Each source module (``paper``, ``figure1``, ``table1``, ``table2``, ``results_text``,
``etables``, ``fmri``, ``news``, ``public_data``) writes its keys literally in functions
that take ``add``, so that searching the code for a key finds the line that defines it.
``add(key, printed, source, ...)`` parses the printed value unless ``value`` is given
(``text=True`` keeps it as a string). :data:`FACTS` holds them all, in the order of
:func:`prtlib.trial.published.ledger`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from prtlib.trial.constants import ARMS, TIMES
from prtlib.trial.published import (
    etables,
    figure1,
    fmri,
    news,
    paper,
    public_data,
    results_text,
    table1,
    table2,
)


@dataclass(frozen=True)
class Fact:
    """One published number (or short published statement) and where it stands.

    Attributes
    ----------
    key : str
        The dotted ledger key, e.g. ``"pain.post.prt.mean"``.
    value : float, int or str
        The value: a float, an int for counts and other whole numbers, or a short string
        for the few facts that are not numbers (dates, names, statements).
    printed : str
        The value as the source prints it (keeps trailing zeros: ``"4.10"``, ``".05"``).
    unit : str
        Unit or scale, empty when the number has none.
    source : str
        Where it stands: ``"Table 2"``, ``"Figure 1"``, ``"eTable 2"``, ``"Results text"``...
    note : str
        What the number is, in a sentence, and any caveat.
    course_uses : bool
        False for the version of an inconsistent pair that the course does not quote as
        the trial's result (see :func:`inconsistencies`).
    """

    key: str
    value: float | int | str
    printed: str
    unit: str
    source: str
    note: str
    course_uses: bool

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit and self.unit != "%" else self.unit
        return f"{self.key} = {self.printed}{unit} ({self.source})"


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)%?$")


def _parse(printed: str, unit: str) -> float | int:
    text = printed.strip().rstrip("%")
    if not _NUMBER.match(printed.strip()):
        raise ValueError(f"printed must be a number; got {printed!r}.")
    if "." in text or unit == "%":
        return float(text)
    return int(text)


def _build() -> dict[str, Fact]:
    """Every fact of the ledger, one section per source, in the order of the ledger."""
    facts: dict[str, Fact] = {}

    def add(key, printed, source, *, unit="", note="", uses=True, value=None, text=False):
        if key in facts:
            raise RuntimeError(f"duplicate ledger key {key!r}")
        if value is None:
            value = printed if text else _parse(printed, unit)
        facts[key] = Fact(key, value, printed, unit, source, note, uses)

    for section in (paper.paper_and_methods, figure1.figure1_flow, table1.table1_baseline,
                    table2.table2_pain, results_text.results_text_primary, table2.table2_odi,
                    etables.etable2_responders, etables.etables5_6_mediation,
                    fmri.fmri_results, news.news_summary, public_data.public_data_file):
        section(add)
    # Keep the public vocabulary in step with prtlib.trial.constants (fails loudly if not).
    if not all(f"pain.{t}.{a}.mean" in facts for t in TIMES for a in ARMS):
        raise RuntimeError("the ledger must hold a pain mean for every time and arm")
    return facts


FACTS: MappingProxyType[str, Fact] = MappingProxyType(_build())
"""Every fact of the ledger by key, in ledger order (a read-only mapping)."""
