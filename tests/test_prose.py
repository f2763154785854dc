"""The course's prose, read as a careful reader would: complete references, no cut-off output,
colour words that name what is drawn, every decimal number traceable, no answer given away.

These tests only read files (notebook JSON, markdown, Python source); they execute nothing.
Each failure names the notebook and the cell (0-based index in the stored notebook).
"""

from __future__ import annotations

import ast
import io
import json
import math
import re
from functools import cache
from pathlib import Path

import pytest
from literature_values import LITERATURE

from prtlib.course.catalogue import LESSONS

ROOT = Path(__file__).resolve().parents[1]
LESSON_PATHS = [ROOT / "course" / item.filename for item in LESSONS
                if (ROOT / "course" / item.filename).exists()]
MASTER_PATHS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
EXERCISE_PATHS = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _output_texts(cell: dict) -> list[tuple[str, str]]:
    """(kind, text) for every text an output of a code cell shows."""
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append(("stream", "".join(output["text"])))
        data = output.get("data", {})
        for kind in ("text/plain", "text/html", "text/markdown"):
            if kind in data:
                value = data[kind]
                texts.append((kind, "".join(value) if isinstance(value, list) else value))
    return texts


def _prose(markdown: str) -> str:
    """Markdown as read: without code spans, link targets, URLs, DOIs and reference lists."""
    text = re.split(r"^#+\s*References\b", markdown, maxsplit=1, flags=re.M)[0]
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\]\([^)\s]*\)", "]", text)
    text = re.sub(r"https?://\S+|doi:\S+", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


# -- a. the bibliography ------------------------------------------------------------------

BIBLIOGRAPHY = ROOT / "course" / "bibliography.md"
# A journal article is cited Vancouver-style as "Journal. Year;Volume(Issue):pages": a year
# followed by a semicolon and a volume. Books ("2nd ed. Erlbaum; 1988.") and web pages
# have no "Year;Volume", so they are exempt.
JOURNAL = re.compile(r"\b(?:19|20)\d\d;\s*\d+")
PAGES = re.compile(r"\b(?:19|20)\d\d;\s*\d+(?:\([^)]*\))?:\s*[A-Za-z]?\d+")
# A DOI, or for a journal that never assigned one, another permanent identifier.
IDENTIFIER = re.compile(r"doi:10\.\d{4,}/|\bPMID:?\s*\d+|jstor\.org/stable/\d+")


def _bibliography_entries() -> list[str]:
    return [line for line in BIBLIOGRAPHY.read_text(encoding="utf-8").splitlines()
            if line.startswith("- ")]


def test_bibliography_recognises_articles_and_books():
    # The rule on entries whose kind is known: an article, a book, a web page.
    assert JOURNAL.search("Cumming G. The new statistics. *Psychol Sci.* 2014;25(1):7-29.")
    assert PAGES.search("*BMJ.* 2011;343:d2090.")
    assert not PAGES.search("*Pain.* 2019;160(1). [doi:10.1097/j.pain.0000000000001384]")
    assert not JOURNAL.search("Cohen J. *Statistical Power Analysis.* 2nd ed. Erlbaum; 1988.")
    assert not JOURNAL.search("Magnusson K. Interpreting Cohen's d. R Psychologist.")


def test_every_journal_article_has_pages_and_a_doi():
    problems = []
    for entry in _bibliography_entries():
        if not JOURNAL.search(entry):
            continue
        name = re.sub(r"<a id=\"[^\"]*\"></a>", "", entry[2:])[:60]
        if not PAGES.search(entry):
            problems.append(f"no pages: {name}")
        if not IDENTIFIER.search(entry):
            problems.append(f"no DOI: {name}")
    assert not problems, ("journal articles in course/bibliography.md (fix the lesson's "
                          "References, then make docs):\n" + "\n".join(problems))


# -- b. no truncated output ------------------------------------------------------------------

_END_MARK = re.compile(r"(…|\.\.\.)\\?$")
_ELIDED_COLUMN = re.compile(r"(?:^|\s{2})\.\.\.(?:\s{2}|$)")


def truncations(cell: dict) -> list[str]:
    """Lines of a cell's outputs that end in a truncation mark, or pandas' elided columns."""
    found = []
    for kind, text in _output_texts(cell):
        if kind == "text/html":
            for content in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", text, re.S):
                if re.search(r"(…|\.\.\.)$", content.strip()):
                    found.append(f"{kind}: {content.strip()[-60:]}")
            continue
        for line in text.splitlines():
            stripped = line.rstrip()
            if _END_MARK.search(stripped) or _ELIDED_COLUMN.search(stripped):
                found.append(f"{kind}: {stripped[-60:]}")
    return found


def test_truncation_finder_on_known_cases():
    def cell(text, kind="text/plain"):
        return {"outputs": [{"output_type": "execute_result", "data": {kind: text}}]}

    assert truncations(cell("Brief Pain Inventory, average pain over the pa...   "))
    assert truncations(cell("   a    ...     b\n0  1.0  ...   2.0"))
    assert truncations(cell("<td>Was the allocation sequence generated by a ran...</td>",
                            "text/html"))
    assert not truncations(cell("… Not answered yet: replace the ... with your code."))
    assert not truncations(cell("pain.post.prt.mean  1.18 (Table 2)"))


@pytest.mark.parametrize("path", LESSON_PATHS + MASTER_PATHS, ids=_rel)
def test_no_stored_output_is_truncated(path):
    problems = [f"{_rel(path)}, cell {i}: {line}" for i, cell in enumerate(_cells(path))
                if cell["cell_type"] == "code" for line in truncations(cell)]
    assert not problems, "outputs cut off with a truncation mark:\n" + "\n".join(problems)


# -- c. colour words ----------------------------------------------------------------------

def _palette() -> dict[str, str]:
    """The palette's colour names as a reader writes them ("sky blue"), with their hex."""
    from prtlib.course.plotting import OKABE_ITO

    return {name.replace("_", " "): colour for name, colour in OKABE_ITO.items()}


PALETTE = _palette()
# Colour words a reader could use for a figure; only the palette's names are allowed.
COLOUR_WORD = re.compile(
    r"\b(sky[ -]blue|bluish[ -]green|reddish[ -]purple|vermill?ion|red|orange|blue|green|"
    r"yellow|purple|pink|grey|gray|black|white|brown|violet|magenta|cyan|teal|gold)\b")
# Terms that contain a colour word but name no colour on a figure.
NOT_A_COLOUR = re.compile(r"\b(grey|gray|white) matter\b|\b(red|yellow|orange|blue) flags?\b")


def colour_words(markdown: str) -> list[str]:
    """The colour words of a markdown cell, as palette names where they are ("sky blue")."""
    text = NOT_A_COLOUR.sub(" ", _prose(markdown))
    return [re.sub(r"[ -]", " ", m.group(1)).replace("gray", "grey")
            for m in COLOUR_WORD.finditer(text)]


def _nearest_palette_name(hex_colour: str) -> str | None:
    rgb = tuple(int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    if max(rgb) - min(rgb) < 25:
        return None if min(rgb) > 240 else ("black" if max(rgb) < 60 else "grey")
    chromatic = {name: value for name, value in PALETTE.items() if name not in ("black", "grey")}
    return min(chromatic, key=lambda name: _distance(rgb, _rgb(chromatic[name])))


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def _distance(a, b) -> float:
    return math.dist(a, b)


@cache
def _explorer_colours(lesson: str, name: str) -> frozenset[str]:
    """Palette names an explorer class draws with, read from its source (no execution).

    The class body and the module-level functions and constants it names (two levels)
    are scanned for the course's colour constants (ARM_COLORS, HIGHLIGHT, MUTED,
    OKABE_ITO[...]), colour names and hex literals.
    """
    path = ROOT / "prtlib" / "course" / "explorers" / f"lesson{lesson}.py"
    assert path.is_file(), f"{name} is shown in lesson {lesson} but {path} does not exist"
    return explorer_colours_in(path.read_text(encoding="utf-8"), name)


def explorer_colours_in(source: str, name: str) -> frozenset[str]:
    """Palette names that the class (or function) ``name`` of a module's source draws with."""
    from prtlib.course.plotting import ARM_COLORS

    tree = ast.parse(source)
    top = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            top[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    top[target.id] = node
    if name not in top:
        return frozenset()
    seen, frontier = {name}, [top[name]]
    for _ in range(2):
        names = {n.id for node in frontier for n in ast.walk(node) if isinstance(n, ast.Name)}
        frontier = [top[n] for n in names - seen if n in top]
        seen |= names
    text = "\n".join(ast.get_source_segment(source, top[n]) or "" for n in seen if n in top)
    arm_names = {arm: _nearest_palette_name(colour) for arm, colour in ARM_COLORS.items()}
    drawn: set[str] = set()
    for arm in re.findall(r"ARM_COLORS\[\"(\w+)\"\]", text):
        drawn.add(arm_names[arm])
    if re.search(r"ARM_COLORS(?!\[\")", text):
        drawn |= set(arm_names.values())
    if "HIGHLIGHT" in text:
        drawn.add("vermillion")
    if "MUTED" in text:
        drawn.add("grey")
    for key in re.findall(r"OKABE_ITO\[\"(\w+)\"\]", text):
        drawn.add(key.replace("_", " "))
    if re.search(r"OKABE_ITO(?!\[\")", text):
        drawn |= set(PALETTE)
    for word in re.findall(r"[\"'](black|grey|gray|white|red|orange|blue|green)[\"']", text):
        drawn.add(word.replace("gray", "grey"))
    for hex_colour in re.findall(r"[\"'](#[0-9A-Fa-f]{6})[\"']", text):
        nearest = _nearest_palette_name(hex_colour)
        if nearest:
            drawn.add(nearest)
    # Matplotlib draws text, axes and ticks in black and grid lines in grey by default.
    return frozenset(drawn | {"black", "grey"})


def _png_has(cell: dict, colour: str) -> bool:
    """True when a stored PNG of the cell has at least 30 pixels close to the colour."""
    import base64

    import numpy as np
    from PIL import Image

    target = np.array(_rgb(PALETTE[colour]), dtype=float)
    for output in cell.get("outputs", []):
        png = output.get("data", {}).get("image/png")
        if not png:
            continue
        image = Image.open(io.BytesIO(base64.b64decode("".join(png)))).convert("RGB")
        pixels = np.asarray(image, dtype=float).reshape(-1, 3)
        if int((np.linalg.norm(pixels - target, axis=1) < 40).sum()) >= 30:
            return True
    return False


def _figures_near(cells: list[dict], index: int, lesson: str) -> list[tuple[int, str, object]]:
    """Code cells within two cells of a markdown cell that draw: (index, name, colours)."""
    found = []
    for j in range(max(0, index - 2), min(len(cells), index + 3)):
        cell = cells[j]
        if cell["cell_type"] != "code":
            continue
        explorers = re.findall(r"\b(\w+Explorer)\(", _source(cell))
        for name in explorers:
            found.append((j, name, _explorer_colours(lesson, name)))
        if not explorers and any("image/png" in o.get("data", {}) for o in cell["outputs"]):
            found.append((j, "figure", cell))
    return found


def colour_problems(path: Path) -> list[str]:
    return colour_problems_in(_cells(path), path.name[:2], _rel(path))


def colour_problems_in(cells: list[dict], lesson: str, where: str) -> list[str]:
    problems = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        words = colour_words(_source(cell))
        for word in dict.fromkeys(words):
            if word not in PALETTE:
                problems.append(f"{where}, cell {i}: '{word}' is not a colour of the "
                                f"palette ({', '.join(PALETTE)})")
                continue
            near = _figures_near(cells, i, lesson)
            if not near:
                continue
            drawn = any(word in what if isinstance(what, frozenset) else _png_has(what, word)
                        for _, _, what in near)
            if not drawn:
                names = ", ".join(f"{name} (cell {j})" for j, name, _ in near)
                problems.append(f"{where}, cell {i}: '{word}' is not drawn by the nearby "
                                f"figure: {names}")
    return problems


def test_colour_words_are_found_and_exempt_terms_are_not():
    assert colour_words("The red curve and the sky-blue bars; grey matter; red flags.") == [
        "red", "sky blue"]
    assert colour_words("mostly White and college-educated (White IR, 2011)") == []


DEMO_MODULE = """
from prtlib.course.plotting import ARM_COLORS, HIGHLIGHT, OKABE_ITO

_LINE = OKABE_ITO["bluish_green"]


def _shade(ax):
    ax.fill_between([0, 1], [0, 1], color="#0B4F8A")


class DemoExplorer:
    def draw(self, ax):
        ax.plot([0, 1], [0, 1], color=ARM_COLORS["placebo"])
        ax.axvline(0, color=_LINE)
        ax.axhline(0, color=HIGHLIGHT)
        _shade(ax)


class OtherExplorer:
    def draw(self, ax):
        ax.plot([0, 1], [0, 1], color=OKABE_ITO["yellow"])
"""


def test_explorer_colours_are_read_from_the_source():
    drawn = explorer_colours_in(DEMO_MODULE, "DemoExplorer")
    # orange (the placebo arm), bluish green (a constant), vermillion (HIGHLIGHT), blue (the
    # nearest palette colour of #0B4F8A, drawn by a helper), and matplotlib's black and grey.
    assert drawn == {"orange", "bluish green", "vermillion", "blue", "black", "grey"}
    assert "yellow" in explorer_colours_in(DEMO_MODULE, "OtherExplorer")


def test_a_palette_colour_that_the_nearby_figure_does_not_draw_fails(monkeypatch):
    import sys

    monkeypatch.setattr(sys.modules[__name__], "_explorer_colours",
                        lambda lesson, name: explorer_colours_in(DEMO_MODULE, name))
    explorer = {"cell_type": "code", "source": "DemoExplorer()", "outputs": []}
    said = {"cell_type": "markdown", "source": "The bluish-green line is the trial's |g|."}
    assert colour_problems_in([explorer, said], "04", "demo") == []
    said = {"cell_type": "markdown", "source": "The yellow line is the trial's |g|."}
    assert colour_problems_in([explorer, said], "04", "demo") == [
        "demo, cell 1: 'yellow' is not drawn by the nearby figure: DemoExplorer (cell 0)"]
    said = {"cell_type": "markdown", "source": "The red line is the trial's |g|."}
    assert "'red' is not a colour of the palette" in colour_problems_in(
        [explorer, said], "04", "demo")[0]


def test_png_colours_are_read_from_the_stored_image():
    import base64

    from PIL import Image

    image = Image.new("RGB", (20, 20), "white")
    for x in range(10):
        for y in range(10):
            image.putpixel((x, y), _rgb(PALETTE["orange"]))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    cell = {"outputs": [{"data": {"image/png": base64.b64encode(buffer.getvalue()).decode()}}]}
    assert _png_has(cell, "orange") and not _png_has(cell, "vermillion")


@pytest.mark.parametrize("path", LESSON_PATHS, ids=_rel)
def test_colour_words_name_palette_colours_that_are_drawn(path):
    problems = colour_problems(path)
    assert not problems, "\n".join(problems)


# -- d. every decimal number has a source ---------------------------------------------------

DECIMAL = re.compile(r"(?<![\w.])[-−+]?(\d*\.\d+)(?![\w]|\.\d)")


def normalize(number: str) -> str:
    """A decimal as compared: no sign, a leading zero, trailing zeros kept (its precision).

    Examples: "−1.75" -> "1.75", ".001" -> "0.001", "0.70" -> "0.70".
    """
    number = number.replace("−", "-").lstrip("+-")
    return "0" + number if number.startswith(".") else number


def decimals(text: str) -> list[str]:
    return [normalize(m.group(1)) for m in DECIMAL.finditer(text.replace("−", "-"))]


@cache
def ledger_numbers() -> frozenset[str]:
    """Every decimal the ledger prints: its printed values, the texts of its
    inconsistencies (which quote the paper) and eTable 8's Z and p as the table prints them."""
    from prtlib.trial import published

    found = set()
    table = published.ledger()
    for printed in table["printed"]:
        found.update(decimals(str(printed)))
    for text in published.inconsistencies()["what_differs"]:
        found.update(decimals(str(text)))
    connectivity = published.fmri_connectivity()
    for column in ("Z", "p"):
        found.update(normalize(f"{value:.2f}") for value in connectivity[column].dropna())
    return frozenset(found)


def _normal_quantiles() -> set[str]:
    """Two-sided critical values of the standard normal at alpha .05, .01 and .001 (1.96,
    2.58, 3.29): mathematical constants, computed here rather than listed."""
    from scipy.stats import norm

    return {f"{norm.ppf(1 - alpha / 2):.2f}" for alpha in (0.05, 0.01, 0.001)}


def output_numbers(cells: list[dict]) -> set[str]:
    found = set()
    for cell in cells:
        for kind, text in _output_texts(cell):
            if kind == "text/html":
                text = re.sub(r"<[^>]+>", " ", text)
            found.update(decimals(text))
    return found


def _heading_free(markdown: str) -> str:
    """Prose without the section numbers of headings ("### 4.1 Randomization ...")."""
    return re.sub(r"^(#+\s*)\d+(\.\d+)*", r"\1", markdown, flags=re.M)


def unsourced_numbers(path: Path) -> list[str]:
    cells = _cells(path)
    known = ledger_numbers() | output_numbers(cells) | _normal_quantiles()
    known |= {normalize(row.value) for row in LITERATURE if row.notebook == path.name[:2]}
    problems = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        prose = _heading_free(_prose(_source(cell))).replace("−", "-")
        for match in DECIMAL.finditer(prose):
            if normalize(match.group(1)) in known:
                continue
            context = re.sub(r"\s+", " ", prose[max(0, match.start() - 50):match.end() + 25])
            problems.append(f"{_rel(path)}, cell {i}: {match.group(0).strip()} in "
                            f"\"...{context.strip()}...\"")
    return problems


def test_number_matching_keeps_precision_and_ignores_sign():
    assert normalize("−1.75") == normalize("1.75") == "1.75"
    assert normalize(".001") == "0.001"
    assert normalize("0.70") != normalize("0.7")
    assert decimals("g = −1.14 (95% CI, −1.79 to −0.48), p < .001; 66.7% of 3 arms") == [
        "1.14", "1.79", "0.48", "0.001", "66.7"]
    assert decimals("doi 10.1001 version 3.11.2 item 1.") == ["10.1001"]
    assert "1.75" in ledger_numbers() and "1.18" in ledger_numbers()
    assert {"1.96", "2.58", "3.29"} == _normal_quantiles()


def test_literature_table_is_short_and_cited():
    assert len(LITERATURE) <= 40
    for row in LITERATURE:
        assert re.fullmatch(r"-?\d*\.\d+", row.value), row
        assert row.citation and re.search(r"\b(19|20)\d\d\b", row.citation), row
        assert any((ROOT / "course").glob(f"{row.notebook}_*.ipynb")), row


@pytest.mark.parametrize("path", LESSON_PATHS, ids=_rel)
def test_every_decimal_in_the_prose_has_a_source(path):
    problems = unsourced_numbers(path)
    assert not problems, (
        "decimal numbers found neither in the ledger (as printed), nor in an output of the "
        "notebook, nor in tests/literature_values.py:\n" + "\n".join(problems))


# -- e. no text gives away a checked answer -------------------------------------------------

def _answer_forms(exercise) -> set[str]:
    """The ways a text could state a number exercise's answer: at 2 decimals and at the
    precision its tolerance implies (tolerance 0.005 -> 2 decimals, 0.05 -> 1, 0.001 -> 3),
    without sign. Whole numbers are left out: small integers turn up everywhere."""
    value = float(exercise.expected())
    places = max(0, round(-math.log10(2 * exercise.tolerance))) if exercise.tolerance else 2
    forms = {f"{abs(value):.2f}"} | ({f"{abs(value):.{places}f}"} if places >= 1 else set())
    return {normalize(form) for form in forms if not float(form).is_integer()}


def revealed_answers(path: Path) -> list[str]:
    from prtlib.course.checks import get_exercise

    cells = _cells(path)
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    problems = []
    for exercise_id in dict.fromkeys(re.findall(r"check\(\s*[\"'](\d\d\.\w+)[\"']", code)):
        exercise = get_exercise(exercise_id)
        if exercise.kind != "number":
            continue
        forms = _answer_forms(exercise)
        for i, cell in enumerate(cells):
            text = _source(cell).replace("−", "-")
            hits = sorted(forms & set(decimals(text)))
            if hits:
                problems.append(f"{_rel(path)}, cell {i} ({cell['cell_type']}): gives "
                                f"{hits[0]}, the answer to {exercise_id}")
    return problems


def test_answer_forms_follow_the_tolerance():
    from types import SimpleNamespace

    exercise = SimpleNamespace(expected=lambda: -1.4294618557, tolerance=0.005)
    assert _answer_forms(exercise) == {"1.43"}
    exercise = SimpleNamespace(expected=lambda: 38.2424, tolerance=0.1)
    assert _answer_forms(exercise) == {"38.24", "38.2"}
    exercise = SimpleNamespace(expected=lambda: 72.0, tolerance=0.5)
    assert _answer_forms(exercise) == set()


@pytest.mark.parametrize("path", EXERCISE_PATHS, ids=_rel)
def test_no_exercise_text_gives_away_a_checked_answer(path):
    problems = revealed_answers(path)
    assert not problems, "\n".join(problems)
