"""The ledger's output does not change when its code is reorganized.

``tests/ledger_snapshot.txt`` (CSV text: ``*.csv`` is git-ignored, for the trial data) is
``published.ledger().to_csv(index=False)`` as written by the ledger code of commit 684883a,
before ``published._build`` was split into one function per source: every key, value,
printed form, unit, source, note and flag, in order. The test compares today's output with
it byte for byte. When a number is deliberately added or corrected, regenerate the file
with the command in the assertion message and say why in the commit.
"""

from pathlib import Path

from prtlib.trial import published

SNAPSHOT = Path(__file__).with_name("ledger_snapshot.txt")


def test_ledger_output_equals_the_snapshot_taken_before_the_split():
    now = published.ledger().to_csv(index=False)
    assert now == SNAPSHOT.read_text(encoding="utf-8"), (
        "ledger() changed; if on purpose, rewrite the snapshot with: python -c \"from prtlib.trial "
        "import published; published.ledger().to_csv('tests/ledger_snapshot.txt', "
        "index=False)\"")


def test_every_key_is_written_literally_where_it_is_defined():
    # Keys are never built by f-strings, so grepping a key finds its definition in one of
    # the package's per-source modules.
    folder = Path(published.__file__).parent
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py")))
    for key in published.keys():
        assert f'"{key}"' in source, key
