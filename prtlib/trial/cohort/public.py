"""The real de-identified outcomes of the PRT trial: download once, check, cache, and read
as a long table (:func:`public_trial`)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pandas as pd

from prtlib.trial import published
from prtlib.trial.cohort.simulation import _DATA_DIR_ENV, _HEALTHY, _SEXES
from prtlib.trial.constants import ARMS, TIMES

__all__ = ["DataChecksumError", "DataUnavailableError", "public_data_path", "public_trial"]


class DataUnavailableError(RuntimeError):
    """The public trial data is neither cached nor downloadable (for example offline)."""


class DataChecksumError(DataUnavailableError):
    """A file holding the public trial data does not have the published checksum."""


# ---------------------------------------------------------------------------------------
# The public data
# ---------------------------------------------------------------------------------------


def _data_spec() -> dict:
    spec = published.PUBLIC_DATA
    return {key: spec[key] for key in ("url", "sha256", "filename", "license")}


def _cache_dir(cache_dir) -> Path:
    if cache_dir is not None:
        if not isinstance(cache_dir, str | os.PathLike):
            raise ValueError(f"cache_dir must be a path (a string or pathlib.Path) or None; "
                             f"got {cache_dir!r}.")
        return Path(cache_dir).expanduser()
    env = os.environ.get(_DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import pooch

    return Path(pooch.os_cache("prtlib"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def public_data_path(cache_dir=None) -> Path | None:
    """Where the public trial data is cached, or None if it is not (never downloads).

    Parameters
    ----------
    cache_dir : str or path-like, optional
        Folder to look in. Default: the environment variable ``PRTLIB_DATA_DIR`` if set,
        else pooch's user cache folder for "prtlib".

    Returns
    -------
    pathlib.Path or None
        The file's path if it is there with the published checksum, else None.

    Raises
    ------
    ValueError
        If ``cache_dir`` is not a path.

    Notes
    -----
    The checksum is the SHA-256 of the file's bytes, compared with the one recorded in
    ``prtlib.trial.published.PUBLIC_DATA``. A file with another checksum counts as not cached.

    References
    ----------
    Ashar YK, et al. JAMA Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    An empty folder holds no copy:

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     print(public_data_path(folder))
    None
    """
    spec = _data_spec()
    path = _cache_dir(cache_dir) / spec["filename"]
    if path.is_file() and _sha256(path) == spec["sha256"]:
        return path
    return None


def _fetch(cache_dir) -> Path:
    """Return the verified local file, downloading it with pooch if it is not cached."""
    spec = _data_spec()
    folder = _cache_dir(cache_dir)
    path = folder / spec["filename"]
    where = (f"Download {spec['url']} (sha256 {spec['sha256']}) and save it as {path}, or "
             f"set {_DATA_DIR_ENV} / cache_dir to a folder that holds it.")
    if path.is_file():
        found = _sha256(path)
        if found != spec["sha256"]:
            raise DataChecksumError(
                f"The file {path} does not match the published data: its sha256 is {found}, "
                f"expected {spec['sha256']}. Delete it (it is re-downloaded when online) "
                f"or replace it with the original. {where}")
        return path
    import pooch

    try:
        fetched = pooch.retrieve(spec["url"], known_hash=f"sha256:{spec['sha256']}",
                                 path=folder, fname=spec["filename"], progressbar=False)
    except ValueError as err:  # pooch reports a checksum mismatch after download as this
        raise DataChecksumError(
            f"The downloaded public trial data failed its checksum check ({err}). {where}"
        ) from err
    except Exception as err:  # requests' connection errors, timeouts, OSError, ...
        raise DataUnavailableError(
            f"The public PRT trial data is not cached at {path} and could not be downloaded "
            f"({type(err).__name__}). {where}") from err
    return Path(fetched)


_PUBLIC_RENAME = {"pain_avg": "pain"}
_PUBLIC_TIMES = {1: "baseline", 2: "post"}
_PUBLIC_ARMS = {1: "prt", 2: "placebo", 3: "usual_care"}
_PUBLIC_SEX = {1: "male", 2: "female"}


def public_trial(cache_dir=None, include_healthy_controls=False) -> pd.DataFrame:
    """The real de-identified PRT trial data (pre and post), in the course's long format.

    Parameters
    ----------
    cache_dir : str or path-like, optional
        Folder for the downloaded file. Default: the environment variable
        ``PRTLIB_DATA_DIR`` if set, else pooch's user cache folder for "prtlib". If the
        file is there with the right checksum, no network is used.
    include_healthy_controls : bool, default False
        Keep the 55 pain-free comparison participants (baseline only), with arm
        "healthy_control".

    Returns
    -------
    pandas.DataFrame
        One row per participant and visit, columns ``participant`` ("S" + the original
        id, zero-padded to 4 digits), ``arm``, ``time`` (baseline or post; the categories
        are all seven times for compatibility with :func:`synthetic_trial`), ``pain``
        (the BPI 1-week average pain, the primary outcome), ``tsk11``, ``odi``, ``age``,
        ``sex`` and every other column of the file (``bpi_intensity``, ``pcs``,
        ``sopa_emo``, ``promis_*``, ``panas_*``, ...). ``df.attrs["simulated"]`` is False
        and ``df.attrs["source"]`` names the source.

    Raises
    ------
    DataUnavailableError
        If the file is not cached and cannot be downloaded; the message gives the exact
        path to save it at and its address.
    DataChecksumError
        If a cached or downloaded file does not have the published SHA-256.
    ValueError
        If ``cache_dir`` is not a path or ``include_healthy_controls`` is not a bool.

    Notes
    -----
    The file codes ``group`` 1 / 2 / 3 as PRT / placebo / usual care (empty for healthy
    controls), ``time`` 1 / 2 as pre / post, and ``gender`` 1 / 2; code 2 is female
    because it gives 29 / 25 / 27 women per arm, Table 1's counts. ``<undefined>`` and
    NaN mark missing values. Its baseline is the single pre-treatment session, whereas
    the paper's baseline averages two sessions, so baseline means differ from Table 2
    (post-treatment means match it exactly).

    References
    ----------
    Ashar YK, Gordon A, Schubiner H, et al. Effect of pain reprocessing therapy vs placebo
    and usual care for patients with chronic back pain: a randomized clinical trial. JAMA
    Psychiatry. 2022;79(1):13-23. doi:10.1001/jamapsychiatry.2021.2669

    Examples
    --------
    The first call downloads the file (about 36 kB), later calls read the cache; the
    lines are skipped by the doctest run, which must not need the network.

    >>> df = public_trial()  # doctest: +SKIP
    >>> df.groupby("arm", observed=True)["participant"].nunique().to_dict()  # doctest: +SKIP
    {'prt': 50, 'placebo': 51, 'usual_care': 50}
    >>> summarize(df).loc["prt"].round(2)  # doctest: +SKIP
               n  mean    sd
    time
    baseline  50  3.94  1.50
    post      44  1.18  1.24
    """
    if not isinstance(include_healthy_controls, bool | np.bool_):
        raise ValueError("include_healthy_controls must be True or False; got "
                         f"{include_healthy_controls!r}.")
    path = _fetch(cache_dir)
    raw = pd.read_csv(path, na_values=["<undefined>"])
    spec = _data_spec()
    healthy = raw["group"].isna()
    if not include_healthy_controls:
        raw = raw[~healthy]
    arms = ARMS + ((_HEALTHY,) if include_healthy_controls else ())
    arm = raw["group"].map(_PUBLIC_ARMS).fillna(_HEALTHY)
    df = pd.DataFrame({
        "participant": raw["id"].map(lambda i: f"S{int(i):04d}"),
        "arm": pd.Categorical(arm, categories=arms),
        "time": pd.Categorical(raw["time"].map(_PUBLIC_TIMES), categories=TIMES,
                               ordered=True),
    })
    rest = raw.drop(columns=["id", "group", "time", "gender"]).rename(columns=_PUBLIC_RENAME)
    df = pd.concat([df, rest[["pain", "tsk11", "odi", "age"]]], axis=1)
    df["sex"] = pd.Categorical(raw["gender"].map(_PUBLIC_SEX), categories=_SEXES)
    others = [c for c in rest.columns if c not in df.columns]
    df = pd.concat([df, rest[others]], axis=1)
    df = df.sort_values(["participant", "time"], kind="stable").reset_index(drop=True)
    df.attrs.update({
        "simulated": False,
        "source": (f"Real de-identified outcomes of the PRT trial (Ashar et al. 2022), "
                   f"released under {spec['license']} at {spec['url']}."),
        "description": "Pre- and post-treatment outcomes of the PRT trial participants.",
    })
    return df
