"""Looking numbers up in the ledger: one key (:func:`get`, :func:`fact`, :func:`cite`...) or many.

Every function here reads :data:`prtlib.trial.published.facts.FACTS`; none computes a
number. A key that is not in the ledger raises KeyError with the closest keys as
suggestions; a key that is not a string raises ValueError.

References
----------
.. [1] Ashar YK, Gordon A, Schubiner H, et al. JAMA Psychiatry. 2022;79(1):13-23.
   doi:10.1001/jamapsychiatry.2021.2669
"""

from __future__ import annotations

import dataclasses
import difflib
import functools

from prtlib.trial.published.facts import FACTS, Fact

_COLUMNS = tuple(f.name for f in dataclasses.fields(Fact))


@functools.cache
def _frame():
    import pandas as pd

    records = [dataclasses.asdict(f) for f in FACTS.values()]
    frame = pd.DataFrame.from_records(records, columns=list(_COLUMNS))
    frame["value"] = frame["value"].astype(object)
    frame["course_uses"] = frame["course_uses"].astype(bool)
    return frame


def _check_text(name: str, value) -> str:
    if not isinstance(value, str):
        raise ValueError(
            f"{name} must be a string such as 'pain.post.prt.mean'; got {value!r}."
        )
    return value


def ledger():
    """Return every published number as a table, one row per key.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``value`` (float, int or str), ``printed`` (the value as the
        source prints it), ``unit``, ``source`` (e.g. ``"Table 2"``, ``"eTable 2"``,
        ``"Figure 1"``), ``note`` and ``course_uses`` (bool). A fresh copy on every call:
        changing it does not change :func:`get`.

    Notes
    -----
    No number is computed: each is copied from the facts file on the paper [1]_. Where
    the paper prints two versions of a quantity, ``course_uses`` is False for the one the
    course does not quote; :func:`prtlib.trial.published.inconsistencies` explains each
    case.

    Examples
    --------
    >>> table = ledger()
    >>> list(table.columns)
    ['key', 'value', 'printed', 'unit', 'source', 'note', 'course_uses']
    >>> row = table.set_index("key").loc["pain.post.placebo.mean"]
    >>> print(row["printed"], row["source"])
    2.84 Table 2
    >>> int((~table["course_uses"]).sum()) > 0
    True
    """
    return _frame().copy(deep=True)


def fact(key: str) -> Fact:
    """Return the full record of one ledger key; :func:`get`, :func:`source` and :func:`cite` read it.

    Parameters
    ----------
    key : str
        A dotted ledger key: ``"pain.<time>.<arm>.mean"``, ``"g.pain.<time>.<comparison>"``,
        ``"n.randomized.<arm>"``, ... (see :mod:`prtlib.trial.published` and :func:`keys`).

    Returns
    -------
    Fact
        The value, the value as printed, the unit, the source, a note and whether the
        course uses this version.

    Raises
    ------
    KeyError
        If the key is not in the ledger; the message suggests close keys: any keys that
        start with what was typed, then :func:`difflib.get_close_matches` (ratio of
        matching characters, cutoff 0.6).
    ValueError
        If ``key`` is not a string.

    Examples
    --------
    >>> print(fact("n.randomized.total"))
    n.randomized.total = 151 participants (Figure 1)
    >>> fact("g.odi.12mo.prt_vs_placebo").course_uses
    False
    """
    key = _check_text("key", key)
    try:
        return FACTS[key]
    except KeyError:
        raise KeyError(_unknown_key_message(key)) from None


def _unknown_key_message(key: str) -> str:
    starting = [k for k in FACTS if k.startswith(key)][:5]
    close = difflib.get_close_matches(key, list(FACTS), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(starting + close))[:6]
    message = f"{key!r} is not a key of the published-numbers ledger."
    if suggestions:
        message += " Did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
    else:
        groups = ", ".join(dict.fromkeys(k.split(".")[0] for k in FACTS))
        message += (f" Keys start with one of: {groups}; list them with "
                    "prtlib.trial.published.keys(prefix), e.g. keys('pain.post').")
    return message


def get(key: str) -> float | int | str:
    """Return the published value of one ledger key (``fact(key).value``).

    Returns a float for measured quantities, an int for counts and other whole numbers,
    and a short string for the few non-numeric facts (dates, names, statements). Percents
    are returned as percents (66.0, not 0.66), except ``power.power`` and the p-value and
    alpha keys, which are probabilities. ``key`` and the errors are those of :func:`fact`.

    Examples
    --------
    >>> get("pain.post.prt.mean")
    1.18
    >>> get("n.randomized.placebo")
    51
    >>> get("responders.pain01.post.prt.percent")
    66.0
    >>> get("g.pain.post.prt_vs_usual_care"), get("g.pain.post.prt_vs_usual_care.text")
    (-1.75, -1.74)
    >>> get("dates.methods.start")
    '2017-08'
    """
    return fact(key).value


def source(key: str) -> str:
    """Return where a ledger value stands (``fact(key).source``).

    Sources name the paper's tables and figures (``"Table 2"``, ``"Figure 1"``), the
    supplement's eTables (``"eTable 2"``) or the section of text (``"Abstract"``,
    ``"Methods"``, ``"Results text"``). ``key`` and the errors are those of :func:`fact`.

    Examples
    --------
    >>> source("responders.reduction50.12mo.prt.percent")
    'eTable 2'
    >>> source("n.monitored.12mo.usual_care")
    'Figure 1'
    """
    return fact(key).source


def cite(key: str) -> str:
    """Return a short citation of a ledger value for a lesson: ``"<printed> (<source>)"``.

    The printed form keeps the source's trailing zeros, so 4.10 stays "4.10". ``key`` and
    the errors are those of :func:`fact`.

    Examples
    --------
    >>> cite("pain.baseline.prt.mean")
    '4.22 (Table 2)'
    >>> cite("baseline.pain.all.mean")
    '4.10 (Table 1)'
    >>> cite("power.power")
    '80% (Methods)'
    """
    f = fact(key)
    return f"{f.printed} ({f.source})"


def keys(prefix: str = "") -> list[str]:
    """List the ledger keys that start with ``prefix`` (plain :meth:`str.startswith`), in order.

    Parameters
    ----------
    prefix : str, default ""
        Start of the keys wanted, e.g. ``"n.randomized"``; empty lists every key.

    Returns
    -------
    list of str
        Matching keys (possibly empty). :func:`search` searches keys, notes and sources
        without regard to case.

    Raises
    ------
    ValueError
        If ``prefix`` is not a string.

    Examples
    --------
    >>> keys("n.randomized")
    ['n.randomized.prt', 'n.randomized.placebo', 'n.randomized.usual_care', 'n.randomized.total']
    >>> len(keys("pain.")) == 7 * 3 * 2
    True
    """
    prefix = _check_text("prefix", prefix)
    return [k for k in FACTS if k.startswith(prefix)]


def search(text: str):
    """Find the ledger rows whose key, source or note contains ``text``, ignoring case.

    Parameters
    ----------
    text : str
        What to look for, e.g. ``"tsk"``, ``"eTable 8"`` or ``"regression"``.

    Returns
    -------
    pandas.DataFrame
        The matching rows of :func:`ledger` (possibly none), with the same columns.

    Raises
    ------
    ValueError
        If ``text`` is not a string.

    Examples
    --------
    >>> search("regression to the mean")["key"].tolist()
    ['n.excluded.pain_below_4.first']
    >>> search("medical emergency")["key"].tolist()
    ['n.prt.dropped']
    """
    text = _check_text("text", text).lower()
    table = ledger()
    found = table[["key", "source", "note"]].apply(
        lambda column: column.str.lower().str.contains(text, regex=False))
    return table[found.any(axis=1)].reset_index(drop=True)
