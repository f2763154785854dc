"""Where the public de-identified trial data live, and the ledger's facts about that file."""

from __future__ import annotations

from types import MappingProxyType

_DATA_SHA256 = "bb04564e8b63730c78c7ef65f817a96ef34923409d7e5a3108b6af2f54eb996d"
_DATA_REPOSITORY = "torwager/ComputationalFoundations"
_DATA_BRANCH = "main"
_DATA_PATH = "CompFound/datasets/Ashar2022_outcomes_demographics.csv"

PUBLIC_DATA = MappingProxyType(
    {
        "url": (
            f"https://raw.githubusercontent.com/{_DATA_REPOSITORY}/{_DATA_BRANCH}/{_DATA_PATH}"
        ),
        "filename": "Ashar2022_outcomes_demographics.csv",
        "sha256": _DATA_SHA256,
        "known_hash": f"sha256:{_DATA_SHA256}",
        "license": "CC0",
        "repository": _DATA_REPOSITORY,
        "branch": _DATA_BRANCH,
        "path": _DATA_PATH,
        "rows": 341,
    }
)
"""Where the public de-identified trial data live (a read-only mapping).

Keys: ``url`` (raw file address), ``filename``, ``sha256`` (hex digest), ``known_hash``
(the same digest in the ``"sha256:<hex>"`` form that :func:`pooch.retrieve` expects),
``license`` (CC0), ``repository`` (GitHub owner/name), ``branch``, ``path`` (inside the
repository) and ``rows`` (data rows in the file). The file itself is never shipped with the
course; :mod:`prtlib.trial.cohort` downloads it and checks the digest.
"""


def public_data_file(add) -> None:
    """The public de-identified data file."""
    add("public_data.rows", "341", "Public data file", unit="rows",
        note="Rows in the CC0 file (pre and post only, no follow-up months).")
    add("public_data.healthy_controls", "55", "Public data file", unit="participants",
        note="Healthy controls in the file (group empty).")
    add("public_data.pain.baseline.prt.mean", "3.94", "Public data file", unit="points (0-10)",
        note="Pre-treatment pain_avg from a single session, so it differs from the two-session "
             "baseline of Table 2.")
    add("public_data.pain.baseline.placebo.mean", "3.80", "Public data file", unit="points (0-10)",
        note="Pre-treatment pain_avg from a single session, so it differs from the two-session "
             "baseline of Table 2.")
    add("public_data.pain.baseline.usual_care.mean", "3.60", "Public data file",
        unit="points (0-10)",
        note="Pre-treatment pain_avg from a single session, so it differs from the two-session "
             "baseline of Table 2.")
    add("public_data.pain.post.prt.mean", "1.182", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg; reproduces Table 2.")
    add("public_data.pain.post.prt.sd", "1.244", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg SD; reproduces Table 2.")
    add("public_data.pain.post.placebo.mean", "2.841", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg; reproduces Table 2.")
    add("public_data.pain.post.placebo.sd", "1.642", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg SD; reproduces Table 2.")
    add("public_data.pain.post.usual_care.mean", "3.128", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg; reproduces Table 2.")
    add("public_data.pain.post.usual_care.sd", "1.454", "Public data file", unit="points (0-10)",
        note="Post-treatment pain_avg SD; reproduces Table 2.")
    add("public_data.g.pain.post.prt_vs_placebo", "-1.15", "Public data file", unit="Hedges g",
        note="About this value: change-score g computed from the public file, PRT vs placebo "
             "(single-session baseline).")
    add("public_data.g.pain.post.prt_vs_usual_care", "-1.78", "Public data file", unit="Hedges g",
        note="About this value: change-score g computed from the public file, PRT vs usual care "
             "(single-session baseline).")
