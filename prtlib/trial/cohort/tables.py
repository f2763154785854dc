"""Helpers that lessons use on either cohort table, simulated or public: :func:`wide`,
:func:`summarize` and :func:`responders`."""

from __future__ import annotations

import pandas as pd

from prtlib import _validate
from prtlib.trial.cohort.simulation import (
    _LATER_TIMES,
    synthetic_trial,  # noqa: F401 (the examples use it)
)
from prtlib.trial.constants import TIMES
from prtlib.trial.responders import RESPONDER_RULES, is_responder

__all__ = ["check_table", "responders", "summarize", "wide"]


# ---------------------------------------------------------------------------------------
# Helpers for either table
# ---------------------------------------------------------------------------------------


def check_table(df, columns=("participant", "arm", "time")) -> None:
    """Refuse anything but a long cohort table holding ``columns`` (ValueError naming them)."""
    if not isinstance(df, pd.DataFrame):
        raise ValueError(f"df must be a pandas DataFrame from synthetic_trial or "
                         f"public_trial; got {type(df).__name__}.")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"df must have the columns {', '.join(columns[:-1])} and "
                         f"{columns[-1]}; missing {', '.join(missing)}.")


def _check_frame(df, value):
    check_table(df)
    numeric = [c for c in df.columns
               if c not in ("participant", "arm", "time") and pd.api.types.is_numeric_dtype(
                   df[c])]
    _validate.choice("value", value, numeric)


def wide(df, value="pain") -> pd.DataFrame:
    """One row per participant, one column per assessment time (plus the arm).

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :func:`synthetic_trial` or :func:`public_trial`.
    value : str, default "pain"
        The numeric column to spread over the times.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``participant``; first column ``arm``, then one column per time that
        occurs in ``df`` (in the order baseline, post, 1mo, ... 12mo). NaN = not seen.

    Raises
    ------
    ValueError
        If ``df`` is not such a table or ``value`` is not one of its numeric columns.

    Notes
    -----
    A pivot of ``value`` on ``participant`` x ``time``; the change from baseline of a
    person is then ``w[time] - w["baseline"]``.

    References
    ----------
    Wickham H. Tidy data. J Stat Softw. 2014;59(10):1-23. doi:10.18637/jss.v059.i10

    Examples
    --------
    >>> w = wide(synthetic_trial(seed=1))
    >>> list(w.columns)
    ['arm', 'baseline', 'post', '1mo', '2mo', '3mo', '6mo', '12mo']
    >>> w.shape
    (151, 8)
    """
    _check_frame(df, value)
    times = [t for t in TIMES if (df["time"] == t).any()]
    table = df.pivot(index="participant", columns="time", values=value)
    table = table.reindex(columns=times)
    table.columns = pd.Index(list(times), name=None)
    arm = df.drop_duplicates("participant").set_index("participant")["arm"]
    out = pd.concat([arm.reindex(table.index), table], axis=1)
    out.index.name = "participant"
    return out


def summarize(df, value="pain") -> pd.DataFrame:
    """Number seen, mean and SD of a measure for each arm and time, as in Table 2.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :func:`synthetic_trial` or :func:`public_trial`.
    value : str, default "pain"
        The numeric column to summarize.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``arm``, ``time``) for the pairs with at least one observed value;
        columns ``n`` (non-missing values), ``mean`` and ``sd``.

    Raises
    ------
    ValueError
        If ``df`` is not such a table or ``value`` is not one of its numeric columns.

    Notes
    -----
    ``mean = sum(x) / n`` and ``sd = sqrt(sum((x - mean)^2) / (n - 1))`` over the values
    observed in each cell: an available-case summary, like the paper's Table 2.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> s = summarize(synthetic_trial(seed=2))
    >>> print(s.loc[("placebo", "12mo")].round(1).to_dict())
    {'n': 43.0, 'mean': 2.8, 'sd': 1.8}
    """
    _check_frame(df, value)
    grouped = df.groupby(["arm", "time"], observed=True)[value]
    out = pd.DataFrame({"n": grouped.count(), "mean": grouped.mean(),
                        "sd": grouped.std(ddof=1)})
    return out[out["n"] > 0]


def responders(df, time="post", rule="pain01") -> pd.DataFrame:
    """How many people in each arm responded, counting a missed visit as no response.

    Parameters
    ----------
    df : pandas.DataFrame
        A long table from :func:`synthetic_trial` or :func:`public_trial` (uses ``pain``).
    time : {"post", "1mo", "2mo", "3mo", "6mo", "12mo"}, default "post"
        The visit at which response is judged.
    rule : {"pain01", "reduction30", "reduction50"}, default "pain01"
        ``pain01``: pain 0 or 1; ``reduction30`` / ``reduction50``: pain at ``time`` at
        least 30% / 50% below the person's baseline.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``arm``; columns ``randomized``, ``observed`` (pain seen at ``time``),
        ``responders`` and ``percent`` (100 x responders / randomized).

    Raises
    ------
    ValueError
        If ``time`` or ``rule`` is not one of the allowed values, or ``df`` is not a
        trial table.

    Notes
    -----
    Each person is classified by :func:`prtlib.trial.responders.is_responder` (the
    reduction is ``(x0 - x) / x0``, a baseline of 0 cannot fall). Missing pain at ``time``
    counts as no response and the denominator is everyone randomized, as in eTable 2.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    >>> r = responders(synthetic_trial(seed=0))
    >>> print(r["responders"].to_dict())
    {'prt': 33, 'placebo': 10, 'usual_care': 5}
    >>> print(r["percent"].round(1).to_dict())
    {'prt': 66.0, 'placebo': 19.6, 'usual_care': 10.0}
    """
    time = _validate.choice("time", time, _LATER_TIMES)
    rule = _validate.choice("rule", rule, RESPONDER_RULES)
    _check_frame(df, "pain")
    w = wide(df, "pain")
    if time not in w.columns:
        raise ValueError(f"time must be a visit present in df; {time!r} has no rows "
                         f"(df holds {', '.join(c for c in w.columns if c != 'arm')}).")
    later = w[time]
    hit = pd.Series(is_responder(w["baseline"], later, rule), index=w.index)
    arms = [a for a in w["arm"].cat.categories if (w["arm"] == a).any()]
    out = pd.DataFrame({
        "randomized": w.groupby("arm", observed=True).size(),
        "observed": later.notna().groupby(w["arm"], observed=True).sum(),
        "responders": hit.groupby(w["arm"], observed=True).sum(),
    }).reindex(arms).astype(int)
    out["percent"] = 100.0 * out["responders"] / out["randomized"]
    out.index.name = "arm"
    return out
