"""The RoB 2 algorithms: from the answers of a domain to its judgement, and from the domains to the overall one.

:func:`judge_domain` follows the flowcharts of the tool's guidance for each domain,
:func:`overall_judgement` applies the rule that combines the domains, and :func:`assess`
does both for a full set of answers (see :mod:`prtlib.trial.appraisal` for the one
simplification, ``escalate_from``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from prtlib.trial.appraisal.questions import (
    DOMAIN_BY_ID,
    DOMAINS,
    JUDGEMENTS,
    QUESTION_BY_ID,
    domain,
)

_YES = frozenset({"Y", "PY"})
_NO = frozenset({"N", "PN"})
_ALIASES = {
    "y": "Y", "yes": "Y", "py": "PY", "probably yes": "PY", "pn": "PN", "probably no": "PN",
    "n": "N", "no": "N", "ni": "NI", "no information": "NI", "na": "NA",
    "not applicable": "NA",
}



# ---------------------------------------------------------------------------------------
# Result objects
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DomainJudgement:
    """The judgement of one domain and how the algorithm reached it.

    Attributes
    ----------
    domain : str
        ``"D1"`` ... ``"D5"``.
    judgement : {"low", "some concerns", "high"}
        The judgement the tool's algorithm proposes.
    used : tuple of str
        The questions the algorithm used, in the order it used them. Answers to the other
        questions of the domain do not change the judgement.
    answers : dict
        The answer of every question of the domain that was given (normalized codes).
    reason : str
        One sentence saying which answers decided the judgement.
    """

    domain: str
    judgement: str
    used: tuple[str, ...]
    answers: dict = field(repr=False)
    reason: str = ""

    @property
    def name(self) -> str:
        return DOMAIN_BY_ID[self.domain].name

    @property
    def path(self) -> str:
        """The answers on the algorithm's path, e.g. ``"4.1 N, 4.2 N, 4.3 Y"``."""
        return ", ".join(f"{q} {self.answers[q]}" for q in self.used)

    def __str__(self) -> str:
        return f"{self.domain} {DOMAIN_BY_ID[self.domain].short_name}: {self.judgement} ({self.path})"


@dataclass(frozen=True)
class OverallJudgement:
    """The overall risk-of-bias judgement of a result.

    Attributes
    ----------
    judgement : {"low", "some concerns", "high"}
    domain_judgements : dict
        The judgement of each domain, by domain id.
    escalate_from : int or None
        The count of "some concerns" domains from which the judgement becomes high (the
        module's explicit version of "multiple domains"), or None for no escalation.
    escalated : bool
        True when the judgement is high only because of that count.
    reason : str
        One sentence that applies the rule.
    """

    judgement: str
    domain_judgements: dict
    escalate_from: int | None
    escalated: bool
    reason: str

    @property
    def n_some_concerns(self) -> int:
        return sum(j == "some concerns" for j in self.domain_judgements.values())

    @property
    def n_high(self) -> int:
        return sum(j == "high" for j in self.domain_judgements.values())

    def __str__(self) -> str:
        return f"Overall: {self.judgement}. {self.reason}"


@dataclass(frozen=True)
class Assessment:
    """A full RoB 2 assessment: the five domain judgements and the overall one."""

    domains: dict
    overall: OverallJudgement

    def table(self):
        """The judgements as a table: one row per domain plus an overall row.

        Returns
        -------
        pandas.DataFrame
            Columns ``domain``, ``name``, ``judgement`` and ``path`` (the answers the
            algorithm used).
        """
        import pandas as pd

        rows = [{"domain": j.domain, "name": j.name, "judgement": j.judgement, "path": j.path}
                for j in self.domains.values()]
        rows.append({"domain": "Overall", "name": "Overall risk of bias",
                     "judgement": self.overall.judgement, "path": self.overall.reason})
        return pd.DataFrame(rows, columns=["domain", "name", "judgement", "path"])

    def __str__(self) -> str:
        return "\n".join([*(str(j) for j in self.domains.values()), str(self.overall)])



def _normalize(qid: str, value) -> str | None:
    """An answer code, ``None`` for a missing answer, or ValueError naming the question."""
    if value is None:
        return None
    allowed = QUESTION_BY_ID[qid].options
    code = _ALIASES.get(value.strip().lower()) if isinstance(value, str) else None
    if code is None or (code != "NA" and code not in allowed):
        options = ", ".join(repr(o) for o in allowed)
        raise ValueError(f"answers[{qid!r}] must be one of {options} (or 'NA' when the "
                         f"question is not asked); got {value!r}.")
    return None if code == "NA" else code


def _answers(answers, ids: Iterable[str]) -> dict[str, str | None]:
    if not isinstance(answers, Mapping):
        raise ValueError("answers must be a mapping from question id (e.g. '4.3') to an "
                         f"answer such as 'Y', 'PY', 'PN', 'N' or 'NI'; got {answers!r}.")
    ids = tuple(ids)
    unknown = [k for k in answers if k not in QUESTION_BY_ID]
    if unknown:
        raise ValueError(f"answers must be keyed by RoB 2 question ids such as '1.1' or "
                         f"'4.5'; got the unknown key {unknown[0]!r}.")
    return {q: _normalize(q, answers.get(q)) for q in ids}


class _Path:
    """Records which questions the algorithm reads, and insists that each is answered."""

    def __init__(self, answers: dict[str, str | None]):
        self.answers = answers
        self.used: list[str] = []

    def __call__(self, qid: str, because: str = "") -> str:
        value = self.answers[qid]
        if value is None:
            why = f" because {because}" if because else ""
            options = ", ".join(repr(o) for o in QUESTION_BY_ID[qid].options)
            raise ValueError(f"answers[{qid!r}] must be one of {options}{why}; it is missing "
                             "or 'NA'.")
        if qid not in self.used:
            self.used.append(qid)
        return value


# ---------------------------------------------------------------------------------------
# The domain algorithms
# ---------------------------------------------------------------------------------------


def _worst(*judgements: str) -> str:
    return max(judgements, key=JUDGEMENTS.index)


def _first(ask: _Path, steps, otherwise):
    """Walk a chain of questions; the first whose answer is in its set decides.

    Each step is ``(question, why it is asked, deciding answers, judgement, reason)``;
    ``otherwise`` is the ``(judgement, reason)`` when no step decides (None to go on).
    """
    for qid, because, deciding, judgement, reason in steps:
        if ask(qid, because) in deciding:
            return judgement, reason
    return otherwise


_NI = frozenset({"NI"})


def _d1(ask: _Path) -> tuple[str, str]:
    concealed = ask("1.2")
    if concealed in _NO:
        return "high", "the allocation sequence was not concealed (1.2)."
    if concealed == "NI":
        return _first(ask, [
            ("1.3", "1.2 is NI", _YES, "high", "concealment is unknown (1.2 NI) and baseline "
             "differences suggest a problem (1.3)."),
        ], ("some concerns", "nothing is reported on concealment (1.2 NI), although baseline "
            "differences raise no problem (1.3)."))
    return _first(ask, [
        ("1.1", "1.2 is Y/PY", _NO, "some concerns",
         "allocation was concealed but the sequence was not random (1.1)."),
        ("1.3", "1.2 is Y/PY", _YES, "some concerns",
         "allocation was concealed, yet baseline differences suggest a problem (1.3)."),
    ], ("low", "a random (or unreported) sequence was concealed and the arms look alike."))


def _d2(ask: _Path) -> tuple[str, str]:
    if _NO.issuperset((ask("2.1"), ask("2.2"))):
        part1, why1 = "low", "participants and staff were unaware of the assignment"
    else:
        asked = "2.1 or 2.2 is Y/PY/NI"
        part1, why1 = _first(ask, [
            ("2.3", asked, _NO, "low", "knowing the assignment caused no deviations (2.3)"),
            ("2.3", asked, _NI, "some concerns",
             "it is unknown whether the trial context caused deviations (2.3 NI)"),
            ("2.4", "2.3 is Y/PY", _NO, "some concerns",
             "deviations occurred but hardly affected the outcome (2.4)"),
            ("2.5", "2.4 is Y/PY/NI", _YES, "some concerns",
             "deviations that matter were balanced (2.5)"),
        ], ("high", "deviations that matter were not shown to be balanced (2.5)"))
    part2, why2 = _first(ask, [
        ("2.6", "", _YES, "low", "the analysis suits the effect of assignment (2.6)"),
        ("2.7", "2.6 is N/PN/NI", _NO, "some concerns",
         "the analysis was not appropriate but unlikely to matter (2.7)"),
    ], ("high", "the inappropriate analysis could change the result substantially (2.7)"))
    return _worst(part1, part2), f"{why1}; {why2}."


def _d3(ask: _Path) -> tuple[str, str]:
    return _first(ask, [
        ("3.1", "", _YES, "low",
         "outcome data were available for (nearly) everyone randomized (3.1)."),
        ("3.2", "3.1 is N/PN/NI", _YES, "low",
         "data were missing, but there is evidence that this did not bias the result (3.2)."),
        ("3.3", "3.2 is N/PN", _NO, "low",
         "data were missing, but missingness could not depend on the outcome (3.3)."),
        ("3.4", "3.3 is Y/PY/NI", _NO, "some concerns",
         "missingness could depend on the outcome's true value, though that is not likely "
         "(3.4)."),
    ], ("high", "missingness probably depended on the outcome's true value (3.4)."))


def _d4(ask: _Path) -> tuple[str, str]:
    inappropriate = _first(ask, [
        ("4.1", "", _YES, "high", "the method of measurement was inappropriate (4.1)."),
        ("4.2", "4.1 is N/PN/NI", _YES, "high",
         "measurement could have differed between the arms (4.2)."),
    ], None)
    if inappropriate:
        return inappropriate
    unsure = ask("4.2") == "NI"
    base = "some concerns" if unsure else "low"
    return _first(ask, [
        ("4.3", "4.1 and 4.2 are N/PN/NI", _NO, base, "assessors were blinded (4.3)" + (
            ", but it is unknown whether measurement differed between arms (4.2 NI)."
            if unsure else ".")),
        ("4.4", "4.3 is Y/PY/NI", _NO, base, "assessors knew the intervention, but this could "
         "not sway the assessment (4.4)" + (", and 4.2 is NI." if unsure else ".")),
        ("4.5", "4.4 is Y/PY/NI", _NO, "some concerns", "knowing the intervention could have "
         "swayed the assessment, though it probably did not (4.5)."),
    ], ("high", "knowing the intervention probably swayed the assessment (4.5)."))


def _d5(ask: _Path) -> tuple[str, str]:
    selected = (ask("5.2"), ask("5.3"))
    if _YES.intersection(selected):
        return "high", ("the result was probably selected from several measurements or "
                        "analyses (5.2/5.3).")
    if "NI" in selected:
        return "some concerns", "it is unknown whether the result was selected (5.2/5.3 NI)."
    return _first(ask, [
        ("5.1", "5.2 and 5.3 are N/PN", _YES, "low",
         "no selection, and the analysis followed a plan fixed in advance (5.1)."),
    ], ("some concerns", "no sign of selection, but no plan fixed in advance is known (5.1)."))


_ALGORITHMS = {"D1": _d1, "D2": _d2, "D3": _d3, "D4": _d4, "D5": _d5}


def judge_domain(domain_id: str, answers) -> DomainJudgement:
    """The judgement the RoB 2 algorithm proposes for one domain.

    Parameters
    ----------
    domain_id : {"D1", "D2", "D3", "D4", "D5"}
        The domain.
    answers : mapping of str to str
        Answers keyed by question id (``"4.3"``): ``"Y"``, ``"PY"``, ``"PN"``, ``"N"`` or
        ``"NI"`` (long forms such as ``"probably yes"`` and any letter case are accepted).
        Questions that the algorithm does not reach may be left out or answered ``"NA"``;
        answers to other domains' questions are ignored.

    Returns
    -------
    DomainJudgement
        ``judgement`` ("low", "some concerns" or "high"), ``used`` (the questions on the
        algorithm's path), ``path`` and a one-sentence ``reason``.

    Raises
    ------
    ValueError
        If ``domain_id`` is unknown, ``answers`` is not a mapping, an answer is not an
        allowed code, a key is not a question id, or a question the algorithm needs is
        missing (the message names the question and why it is needed).

    Notes
    -----
    The algorithms follow the flowcharts of the RoB 2 guidance [2]_ (``Y/PY`` and
    ``N/PN`` always lead the same way):

    - **D1**: 1.2 N/PN -> high. 1.2 NI -> high if 1.3 Y/PY, else some concerns.
      1.2 Y/PY -> some concerns if 1.1 N/PN; else some concerns if 1.3 Y/PY; else low.
    - **D2** has two parts and takes the worse. Part 1: low if 2.1 and 2.2 are both N/PN;
      otherwise 2.3 N/PN -> low, 2.3 NI -> some concerns, 2.3 Y/PY -> (2.4 N/PN -> some
      concerns; 2.4 Y/PY/NI -> (2.5 Y/PY -> some concerns; 2.5 N/PN/NI -> high)).
      Part 2: 2.6 Y/PY -> low; otherwise 2.7 N/PN -> some concerns, 2.7 Y/PY/NI -> high.
    - **D3**: 3.1 Y/PY -> low; else 3.2 Y/PY -> low; else 3.3 N/PN -> low; else
      3.4 N/PN -> some concerns; 3.4 Y/PY/NI -> high.
    - **D4**: 4.1 Y/PY -> high; 4.2 Y/PY -> high. Then 4.3 N/PN, or 4.4 N/PN, gives low
      (some concerns if 4.2 was NI); otherwise 4.5 N/PN -> some concerns and
      4.5 Y/PY/NI -> high.
    - **D5**: 5.2 or 5.3 Y/PY -> high; else either NI -> some concerns; else (both N/PN)
      5.1 Y/PY -> low and 5.1 N/PN/NI -> some concerns.

    References
    ----------
    .. [1] Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk
       of bias in randomised trials. BMJ. 2019;366:l4898. doi:10.1136/bmj.l4898
    .. [2] Higgins JPT, Savović J, Page MJ, Sterne JAC, eds. RoB 2 full guidance document,
       22 August 2019. https://www.riskofbias.info

    Examples
    --------
    A self-reported outcome from participants who knew their arm (the assessor is the
    participant), when the assessor thinks that knowledge probably did not sway reports:

    >>> j = judge_domain("D4", {"4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y", "4.5": "PN"})
    >>> j.judgement, j.path
    ('some concerns', '4.1 N, 4.2 N, 4.3 Y, 4.4 Y, 4.5 PN')

    Unasked questions can be left out; the algorithm says which it used:

    >>> judge_domain("D1", {"1.1": "Y", "1.2": "N"}).judgement
    'high'
    >>> judge_domain("D3", {"3.1": "yes"}).used
    ('3.1',)
    """
    dom = domain(domain_id)
    given = _answers(answers, dom.question_ids)
    ask = _Path(given)
    judgement, reason = _ALGORITHMS[dom.id](ask)
    shown = {q: a for q, a in given.items() if a is not None}
    return DomainJudgement(dom.id, judgement, tuple(ask.used), shown,
                           reason[0].upper() + reason[1:])


def overall_judgement(domain_judgements, escalate_from: int | None = None) -> OverallJudgement:
    """Combine domain judgements into the overall risk-of-bias judgement.

    Parameters
    ----------
    domain_judgements : mapping or iterable
        Either a mapping from domain id to judgement (``{"D1": "low", ...}``) or an
        iterable of :class:`DomainJudgement`. Each judgement is "low", "some concerns" or
        "high"; at least one domain is needed.
    escalate_from : int or None, default None
        The module's explicit version of "some concerns in multiple domains that lower
        confidence substantially": with ``k`` from 2 to 5, the overall judgement is high
        when ``k`` or more domains raise some concerns. None never escalates.

    Returns
    -------
    OverallJudgement
        ``judgement``, the domain judgements, whether it was ``escalated`` and a
        ``reason``.

    Raises
    ------
    ValueError
        If a judgement is not one of the three, there are no domains, or
        ``escalate_from`` is not None or a whole number from 2 to 5.

    Notes
    -----
    The rule of the tool [1]_:

    - **low** if every domain is low;
    - **high** if at least one domain is high, or if some concerns in multiple domains
      together lower confidence in the result substantially;
    - **some concerns** otherwise (at least one domain raises some concerns, none is high).

    "Multiple domains ... substantially" is a judgement the tool leaves to the assessor.
    This function replaces it by a count that the caller sets (``escalate_from``) and
    reports when it was applied; by default it is not applied, so the overall judgement
    is the worst domain judgement.

    References
    ----------
    .. [1] Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk
       of bias in randomised trials. BMJ. 2019;366:l4898. doi:10.1136/bmj.l4898

    Examples
    --------
    >>> overall_judgement({"D1": "low", "D2": "low", "D3": "some concerns", "D4": "high",
    ...                    "D5": "low"}).judgement
    'high'
    >>> three = {"D1": "some concerns", "D2": "some concerns", "D3": "some concerns",
    ...          "D4": "low", "D5": "low"}
    >>> overall_judgement(three).judgement
    'some concerns'
    >>> result = overall_judgement(three, escalate_from=3)
    >>> result.judgement, result.escalated
    ('high', True)
    """
    if isinstance(domain_judgements, Mapping):
        pairs = list(domain_judgements.items())
    else:
        try:
            items = list(domain_judgements)
        except TypeError:
            raise ValueError("domain_judgements must be a mapping such as {'D1': 'low', ...} "
                             f"or a list of DomainJudgement; got {domain_judgements!r}.") from None
        if not all(isinstance(j, DomainJudgement) for j in items):
            raise ValueError("domain_judgements must be a mapping such as {'D1': 'low', ...} "
                             f"or a list of DomainJudgement; got {domain_judgements!r}.")
        pairs = [(j.domain, j.judgement) for j in items]
    if not pairs:
        raise ValueError("domain_judgements must hold at least one domain; got none.")
    for name, value in pairs:
        if value not in JUDGEMENTS:
            allowed = ", ".join(repr(j) for j in JUDGEMENTS)
            raise ValueError(f"domain_judgements[{name!r}] must be one of {allowed}; "
                             f"got {value!r}.")
    if escalate_from is not None and (isinstance(escalate_from, bool)
                                      or not isinstance(escalate_from, int)
                                      or not 2 <= escalate_from <= 5):
        raise ValueError("escalate_from must be None or a whole number from 2 to 5 (the "
                         "count of 'some concerns' domains that makes the overall judgement "
                         f"high); got {escalate_from!r}.")
    judgements = dict(pairs)
    high = [d for d, j in judgements.items() if j == "high"]
    concerns = [d for d, j in judgements.items() if j == "some concerns"]
    escalated = False
    if high:
        result = "high"
        reason = f"{', '.join(high)} {'is' if len(high) == 1 else 'are'} at high risk, and one " \
                 "high domain makes the result high."
    elif escalate_from is not None and len(concerns) >= escalate_from:
        result, escalated = "high", True
        reason = (f"No domain is high, but {len(concerns)} domains raise some concerns "
                  f"({', '.join(concerns)}), at or above the chosen count of "
                  f"{escalate_from}.")
    elif concerns:
        result = "some concerns"
        reason = (f"No domain is high; {', '.join(concerns)} "
                  f"{'raises' if len(concerns) == 1 else 'raise'} some concerns.")
    else:
        result = "low"
        reason = "Every domain is at low risk of bias."
    return OverallJudgement(result, judgements, escalate_from, escalated, reason)


def assess(answers, escalate_from: int | None = None) -> Assessment:
    """Judge all five domains of RoB 2 and the overall risk of bias of one result.

    Parameters
    ----------
    answers : mapping of str to str
        Answers keyed by question id, for all five domains (see :func:`judge_domain`;
        questions the algorithms do not reach may be left out).
    escalate_from : int or None, default None
        See :func:`overall_judgement`.

    Returns
    -------
    Assessment
        ``domains`` (a dict of :class:`DomainJudgement` by domain id) and ``overall``.

    Raises
    ------
    ValueError
        As :func:`judge_domain` and :func:`overall_judgement`.

    Notes
    -----
    Each domain is judged by its algorithm; the overall judgement applies the tool's rule
    to the five judgements [1]_.

    References
    ----------
    .. [1] Sterne JAC, et al. BMJ. 2019;366:l4898. doi:10.1136/bmj.l4898

    Examples
    --------
    A double-blind trial with complete data and a registered analysis plan:

    >>> ideal = {"1.1": "Y", "1.2": "Y", "1.3": "N", "2.1": "N", "2.2": "N", "2.6": "Y",
    ...          "3.1": "Y", "4.1": "N", "4.2": "N", "4.3": "N", "5.1": "Y", "5.2": "N",
    ...          "5.3": "N"}
    >>> assess(ideal).overall.judgement
    'low'
    >>> unblinded = dict(ideal, **{"4.3": "Y", "4.4": "Y", "4.5": "PY"})
    >>> print(assess(unblinded).overall)
    Overall: high. D4 is at high risk, and one high domain makes the result high.
    """
    judgements = {d.id: judge_domain(d.id, answers) for d in DOMAINS}
    return Assessment(judgements, overall_judgement(judgements.values(), escalate_from))

