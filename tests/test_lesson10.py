"""Lesson 10 and its exercise set: the paper's numbers from the public file, and notebooks
that run without it.

(a) With the public data (../shared/data, or PRTLIB_TEST_DATA_DIR), the exercise set's
    expected values reproduce the paper: Table 2's post-treatment means and SDs, the numbers
    seen after treatment (Figure 1), the 33 / 10 / 5 people with pain 0 or 1 (Results and
    eTable 2), and the file's own baseline means and change-score g's as the facts file
    records them (ledger keys ``public_data.*``). Skipped, with a reason, without the data.
(b) Without the data (PRTLIB_DATA_DIR pointing at an empty folder, no network used), the
    lesson and the learner's exercise notebook execute without an error, say how to get the
    file, and run on the simulated cohort.
"""

import json
from pathlib import Path

import pytest

from prtlib.course.checks import get_exercise
from prtlib.course.exercise_sets import lesson10 as ex
from prtlib.trial import published

ROOT = Path(__file__).resolve().parents[1]
ARMS = ("prt", "placebo", "usual_care")
LESSON = ROOT / "course" / "10_reanalyse_the_trial.ipynb"
MASTER = ROOT / "solutions" / "10_reanalyse_the_trial.ipynb"
EXERCISES = ROOT / "exercises" / "10_reanalyse_the_trial.ipynb"
HOW_TO = "The public trial data is not on this computer"


@pytest.fixture
def with_public_data(public_trial_data, monkeypatch):
    """Make trial_data() read the public file from the tests' data folder."""
    from _shared import DATA_DIR

    monkeypatch.setenv("PRTLIB_DATA_DIR", str(DATA_DIR))
    df, is_real = ex.trial_data()
    assert is_real and not df.attrs["simulated"]
    return df


# -- (a) the expected values against the paper ----------------------------------------------

def test_post_treatment_means_sds_and_numbers_seen_are_table_2s(with_public_data):
    table = ex.post_summary()
    for arm in ARMS:
        assert table.loc[arm, "n"] == published.get(f"n.monitored.post.{arm}")
        assert round(table.loc[arm, "mean"], 2) == published.get(f"pain.post.{arm}.mean")
        assert round(table.loc[arm, "sd"], 2) == published.get(f"pain.post.{arm}.sd")


def test_responders_are_the_papers_33_10_and_5(with_public_data):
    table = ex.responder_table()
    assert table["responders"].to_dict() == {"prt": 33, "placebo": 10, "usual_care": 5}
    for arm in ARMS:
        assert table.loc[arm, "responders"] == published.get(f"responders.pain01.post.{arm}")
        assert table.loc[arm, "randomized"] == published.get(f"n.randomized.{arm}")
        # eTable 2 prints whole percents of everyone randomized.
        assert round(table.loc[arm, "percent"]) == published.get(
            f"responders.pain01.post.{arm}.percent")


def test_the_files_baseline_and_change_score_g_differ_slightly_from_table_2(with_public_data):
    from prtlib.trial.cohort import wide

    people = wide(with_public_data)
    for arm in ARMS:
        mean = people.loc[people["arm"] == arm, "baseline"].mean()
        assert round(mean, 2) == published.get(f"public_data.pain.baseline.{arm}.mean")
        assert mean < published.get(f"pain.baseline.{arm}.mean")
    for control in ex.CONTROLS:
        g = ex.change_g(control)
        assert round(g, 2) == published.get(f"public_data.g.pain.post.prt_vs_{control}")
        table2 = published.get(f"g.pain.post.prt_vs_{control}")
        assert g != pytest.approx(table2, abs=0.005) and g == pytest.approx(table2, abs=0.05)
    # One session spreads more than the mean of two (the lesson's prediction).
    assert get_exercise("10.predict_baseline_sd").expected() > published.get(
        "pain.baseline.prt.sd")


def test_the_stored_notebooks_were_executed_with_the_public_data():
    for path in (LESSON, MASTER):
        text = "".join("".join(o.get("text", "")) for c in json.loads(
            path.read_text(encoding="utf-8"))["cells"] for o in c.get("outputs", []))
        assert "Analysing: the public trial file (real data)" in text, path.name
        assert HOW_TO not in text, path.name


# -- (b) the notebooks without the data -------------------------------------------------------

def _run_without_data(path: Path, tmp_path: Path, monkeypatch) -> list[str]:
    """Execute a copy of a notebook with an empty data folder; return its printed text."""
    import nbformat
    from nbclient import NotebookClient

    empty = tmp_path / "no-data"
    empty.mkdir()
    monkeypatch.setenv("PRTLIB_DATA_DIR", str(empty))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", (path.name, output.get("evalue"))
            if output["output_type"] == "stream":
                assert output["name"] == "stdout", (path.name, output["text"])
                printed.append(output["text"])
    return printed


@pytest.mark.parametrize("path", [LESSON, EXERCISES], ids=lambda p: p.parent.name)
def test_runs_without_the_data_and_says_how_to_get_it(path, tmp_path, monkeypatch):
    text = "\n".join(_run_without_data(path, tmp_path, monkeypatch))
    assert HOW_TO in text
    assert published.PUBLIC_DATA["url"] in text and "PRTLIB_DATA_DIR" in text
    assert "Analysing: the simulated cohort" in text
