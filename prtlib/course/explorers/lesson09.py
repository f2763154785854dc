"""Lesson 09's explorers: reading the evidence critically.

- :class:`RoB2ChecklistExplorer`: the Cochrane RoB 2 checklist for one result. One menu per
  signalling question; the figure shows each domain's answers (grey where the algorithm
  does not use them) and a traffic light per domain and overall
  (:func:`prtlib.trial.appraisal.assess`).
- :class:`InconsistencyExplorer`: steps through the places where the paper gives two
  versions of a number, with the evidence a careful reader can compute for each
  (:func:`prtlib.trial.inconsistencies.check_inconsistency`).
- :class:`ReplicationPlannerExplorer`: power curves and the sample size a replication
  needs for the published effect or a shrunken one (:func:`prtlib.trial.evidence.replication_plan`).
"""

from __future__ import annotations

import functools
import html

import numpy as np
from matplotlib.patches import Patch

from prtlib.course.explorers.base import Explorer
from prtlib.course.plotting import (
    ARM_COLORS,
    HIGHLIGHT,
    MUTED,
    OKABE_ITO,
    STYLE,
    freeze_layout,
    new_figure,
)
from prtlib.trial import appraisal, evidence, inconsistencies
from prtlib.trial.constants import ARM_SHORT_LABELS, ARMS, COMPARISON_LABELS

JUDGEMENT_STYLE = {
    "low": (OKABE_ITO["bluish_green"], "+"),
    "some concerns": (OKABE_ITO["yellow"], "–"),
    "high": (OKABE_ITO["vermillion"], "×"),
}
"""Traffic-light colour and symbol of each judgement (the symbols keep the figure readable
without colour, as in the tool's own figures)."""

DEFAULT_ANSWERS = {
    "1.1": "Y", "1.2": "Y", "1.3": "N",
    "2.1": "N", "2.2": "N", "2.3": "NI", "2.4": "NI", "2.5": "NI", "2.6": "Y", "2.7": "NI",
    "3.1": "Y", "3.2": "N", "3.3": "NI", "3.4": "NI",
    "4.1": "N", "4.2": "N", "4.3": "N", "4.4": "NI", "4.5": "NI",
    "5.1": "Y", "5.2": "N", "5.3": "N",
}
"""Where the checklist starts: how a double-blind, placebo-controlled trial with complete
data and a plan fixed in advance would be answered (questions the algorithm does not reach
are set to "no information")."""

_ESCALATION = [("never (worst domain only)", 0), ("2 or more domains", 2),
               ("3 or more domains", 3), ("4 or more domains", 4), ("all 5 domains", 5)]
"""Options of the overall rule's menu: from how many "some concerns" domains the overall
judgement becomes high."""

_ESCALATION_QUESTION = ("from how many domains with some concerns should the overall "
                        "judgement become high?")

_ESCALATION_MENU_PX = 250
"""Width of the overall rule's menu: room for its longest label at the notebook's font
(about 7.5 px a character at 13 px, plus the arrow), so no label is cut off."""


def _control_name(qid: str) -> str:
    return "q" + qid.replace(".", "_")




# ---------------------------------------------------------------------------------------
# RoB 2 checklist
# ---------------------------------------------------------------------------------------


class RoB2ChecklistExplorer(Explorer):
    """The RoB 2 checklist: answer the signalling questions, read each domain's judgement.

    Controls: one menu per signalling question (``q1_1`` ... ``q5_3``; Y, PY, PN, N, NI)
    and ``escalate_from`` (whether some concerns in several domains make the overall
    judgement high, and from how many; "never" is the tool's mechanical minimum). The
    figure shows every answer: black when the domain's algorithm used it, grey when the
    algorithm did not reach it. Each domain and the overall result get a traffic light:
    + low, – some concerns, × high.
    """

    title = "RoB 2 checklist for one result"
    figure_alt = ("A traffic-light chart: for each of the five RoB 2 domains, the answers "
                  "to its signalling questions (black where the algorithm used them, grey "
                  "where it did not reach them) and a low, some-concerns or high judgement, "
                  "with the overall judgement below.")

    def make_controls(self):
        import ipywidgets as widgets

        controls = {}
        for dom in appraisal.DOMAINS:
            for q in dom.questions:
                controls[_control_name(q.id)] = widgets.Dropdown(
                    options=[(f"{code} · {appraisal.ANSWER_LABELS[code]}", code)
                             for code in q.options],
                    value=DEFAULT_ANSWERS[q.id], description=q.id, tooltip=q.text,
                    style={"description_width": "28px"},
                    layout=widgets.Layout(width="210px", flex="0 0 auto"))
        controls["escalate_from"] = widgets.Dropdown(
            options=_ESCALATION, value=0, tooltip=_ESCALATION_QUESTION,
            layout=widgets.Layout(width=f"{_ESCALATION_MENU_PX}px"))
        return controls

    @staticmethod
    def question_html(qid: str) -> str:
        """The text shown beside a question's menu: the question and when it is asked."""
        q = next(q for dom in appraisal.DOMAINS for q in dom.questions if q.id == qid)
        asked = (f' <span style="color:#555555">(asked if {html.escape(q.asked_if)})</span>'
                 if q.asked_if else "")
        return f'<span style="line-height:1.3">{html.escape(q.text)}{asked}</span>'

    @property
    def widget(self):
        """The controls grouped by domain, each menu with its question written beside it
        (touch screens show no tooltips), above the figure and the readout."""
        import ipywidgets as widgets

        if self._widget is None:
            assembled = super().widget
            groups = []
            for dom in appraisal.DOMAINS:
                header = widgets.HTML(f"<b>{dom.id}</b> {html.escape(dom.name)}")
                rows = []
                for qid in dom.question_ids:
                    text = widgets.HTML(self.question_html(qid),
                                        layout=widgets.Layout(flex="1 1 260px",
                                                              max_width="560px",
                                                              margin="0 0 0 6px"))
                    text.add_class("prt-question-text")
                    rows.append(widgets.HBox(
                        [self.controls[_control_name(qid)], text],
                        layout=widgets.Layout(align_items="center", flex_flow="row wrap")))
                groups.append(widgets.VBox([header, *rows],
                                           layout=widgets.Layout(margin="0 8px 8px 0",
                                                                 width="100%")))
            overall = widgets.HTML(f"<b>Overall</b> rule: {html.escape(_ESCALATION_QUESTION)}")
            groups.append(widgets.VBox([overall, self.controls["escalate_from"]],
                                       layout=widgets.Layout(width="100%")))
            assembled.children[1].children = tuple(groups)
        return self._widget

    def setup_figure(self):
        fig, ax = new_figure(9.6, 4.7)
        ax.set_axis_off()
        ax.set_xlim(0, 12.4)
        ax.set_ylim(-1.05, 6.25)
        self.chip_x = [4.2 + 0.95 * i for i in range(7)]
        self.light_x = 11.55
        ax.text(self.chip_x[0] - 0.45, 5.85, "Answers (black: used by the domain's algorithm; "
                "grey: not reached)", fontsize=10, color="#444444", va="center")
        ax.text(self.light_x, 5.85, "Judgement", fontsize=10, color="#444444", ha="center",
                va="center")
        self.chips = {}
        self.lights = {}
        for row, dom in enumerate(appraisal.DOMAINS):
            y = 5.0 - row
            name = dom.short_name if len(dom.short_name) <= 27 else dom.short_name.replace(
                " from ", " from\n", 1).replace(" of the ", " of the\n", 1)
            ax.text(0.05, y, f"{dom.id}  {name}", fontsize=10.5, va="center", linespacing=1.1)
            for i, q in enumerate(dom.question_ids):
                self.chips[q] = ax.text(
                    self.chip_x[i], y, "", ha="center", va="center", fontsize=10,
                    family="monospace",
                    bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#333333"})
            self.lights[dom.id] = self._light(ax, y)
        ax.plot([0.05, 12.3], [0.5, 0.5], color="#888888", linewidth=1)
        ax.text(0.05, 0.0, "Overall", fontsize=11, fontweight="bold", va="center")
        self.rule_text = ax.text(self.chip_x[0] - 0.45, 0.0, "", fontsize=10, va="center")
        self.lights["overall"] = self._light(ax, 0.0, size=19)
        legend = "   ".join(f"{sym} {appraisal.JUDGEMENT_LABELS[j].lower()}"
                           for j, (_, sym) in JUDGEMENT_STYLE.items())
        ax.text(12.3, -0.8, legend, fontsize=10, ha="right", va="center", color="#444444")
        self.title_text = ax.text(0.05, -0.8, "", fontsize=10, va="center", color="#444444")
        freeze_layout(fig)
        return fig, ax

    @staticmethod
    def _light(ax, y, size=16):
        return ax.text(11.55, y, "", ha="center", va="center", fontsize=size,
                       fontweight="bold",
                       bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": "#333333"})

    def compute(self, escalate_from, **answers):
        given = {qid: answers[_control_name(qid)] for qid in appraisal.question_ids()}
        result = appraisal.assess(given, escalate_from=escalate_from or None)
        return {"answers": given, "assessment": result, "escalate_from": escalate_from}

    def draw(self, state):
        result = state["assessment"]
        for dom in appraisal.DOMAINS:
            judged = result.domains[dom.id]
            for qid in dom.question_ids:
                used = qid in judged.used
                chip = self.chips[qid]
                chip.set_text(f"{qid} {state['answers'][qid]:<2s}")
                chip.set_color("#000000" if used else "#A0A0A0")
                chip.get_bbox_patch().set_edgecolor("#333333" if used else "#C8C8C8")
                chip.get_bbox_patch().set_linewidth(1.4 if used else 0.8)
            self._set_light(self.lights[dom.id], judged.judgement)
        overall = result.overall
        self._set_light(self.lights["overall"], overall.judgement)
        k = state["escalate_from"]
        rule = ("Rule: worst domain decides; several 'some concerns' never escalate"
                if not k else f"Rule: worst domain decides; {k} or more 'some concerns' → high")
        self.rule_text.set_text(rule + (" (applied)" if overall.escalated else ""))
        self.title_text.set_text(f"Overall: {appraisal.JUDGEMENT_LABELS[overall.judgement]}")

    def moving_artists(self):
        return [*self.chips.values(), *self.lights.values(), self.rule_text, self.title_text]

    @staticmethod
    def _set_light(light, judgement):
        colour, symbol = JUDGEMENT_STYLE[judgement]
        light.set_text(symbol)
        light.get_bbox_patch().set_facecolor(colour)

    def describe(self, state):
        result = state["assessment"]
        lines = [f"<b>Overall: {appraisal.JUDGEMENT_LABELS[result.overall.judgement]}.</b> "
                 f"{html.escape(result.overall.reason)}"]
        for judged in result.domains.values():
            lines.append(f"{judged.domain} {html.escape(appraisal.domain(judged.domain).short_name)}"
                         f": <b>{judged.judgement}</b> ({judged.path}). "
                         f"{html.escape(judged.reason)}")
        return "<br>".join(lines)


# ---------------------------------------------------------------------------------------
# The paper's inconsistencies
# ---------------------------------------------------------------------------------------


def _inconsistency_ids() -> list[str]:
    from prtlib.trial import published

    return published.inconsistencies()["id"].tolist()


class InconsistencyExplorer(Explorer):
    """Step through the paper's inconsistencies, each with the evidence that settles it.

    Control: ``item``, one of the inconsistencies of
    :func:`prtlib.trial.published.inconsistencies`. The figure shows the versions side by side
    with a number computed from the ledger (the gap in standard errors, the SE a P value
    needs, the clusters per seed, ...); the readout gives the verdict and what it changes.
    """

    title = "The paper against itself: two versions of a number"
    figure_alt = ("For the chosen inconsistency in the paper, the two printed versions of "
                  "a number side by side with the number a reader can compute from what is "
                  "printed to weigh them.")

    def make_controls(self):
        import ipywidgets as widgets

        options = [(inconsistencies.check_inconsistency(i).topic, i)
                   for i in _inconsistency_ids()]
        return {"item": widgets.Dropdown(options=options, value=options[0][1],
                                         description="Inconsistency",
                                         style={"description_width": "110px"},
                                         layout=widgets.Layout(width="480px"))}

    def setup_figure(self):
        fig, base = new_figure(8.6, 4.3)
        fig.set_layout_engine("none")
        base.remove()
        self.panels = {}
        builders = {
            "news_randomized": self._news, "g_post_usual_care": self._g_uc,
            "study_dates": self._dates, "odi_12mo_g": self._odi, "etable6_pcs": self._pcs,
            "etable5_sign": self._sign, "connectivity_claim": self._connectivity,
            "change_score_g": self._change_score, "public_data_baseline": self._public,
        }
        for item in _inconsistency_ids():
            check = inconsistencies.check_inconsistency(item)
            ax = builders[item](fig, check.evidence)
            ax.set_title(check.topic, fontsize=13, loc="left")
            ax.set_visible(False)
            self.panels[item] = ax
        return fig, self.panels

    # -- one panel per inconsistency --------------------------------------------------
    @staticmethod
    def _axes(fig, left=0.11, right=0.97, bottom=0.15, top=0.88):
        import matplotlib as mpl

        with mpl.rc_context(STYLE):
            return fig.add_axes((left, bottom, right - left, top - bottom))

    def _news(self, fig, ev):
        ax = self._axes(fig, left=0.09)
        m = evidence.news_misreading()
        x = np.arange(len(ARMS))
        for i, arm in enumerate(ARMS):
            ax.bar(i, m.randomized[arm], width=0.6, color=ARM_COLORS[arm], alpha=0.3)
            ax.bar(i, m.responders[arm], width=0.6, color=ARM_COLORS[arm],
                   edgecolor=HIGHLIGHT, linewidth=2, hatch="//")
            ax.text(i, m.randomized[arm] + 1, f"{m.randomized[arm]} randomized", ha="center",
                    fontsize=10)
            ax.text(i, m.responders[arm] + 1, f"{m.responders[arm]} "
                    f"({m.response_percent[arm]:.0f}%)", ha="center", fontsize=10,
                    fontweight="bold")
        ax.set_xticks(x, [ARM_SHORT_LABELS[a] for a in ARMS])
        ax.set_ylim(0, 72)
        ax.set_ylabel("Participants")
        # Neutral legend keys: every arm has its own colour, so the keys show the two
        # styles (pale bar; hatched bar with a vermillion edge), not one arm's colour.
        ax.legend(handles=[
            Patch(facecolor=MUTED, label="randomized (Figure 1)"),
            Patch(facecolor="#BBBBBB", edgecolor=HIGHLIGHT, linewidth=2, hatch="//",
                  label="pain 0 or 1 after treatment: what the summary called 'randomized'")],
            loc="upper right", fontsize=9.5, frameon=False)
        return ax

    def _number_line(self, fig, rows, xlabel, xlim, zero=False):
        ax = self._axes(fig, left=0.3, bottom=0.17)
        for y, (_label, centre, low, high, colour) in enumerate(rows):
            ax.plot([low, high], [y, y], color=colour, linewidth=3, solid_capstyle="butt")
            ax.plot(centre, y, "o", color=colour, markersize=9)
            ax.text(centre, y + 0.22, f"{centre:.2f}", ha="center", fontsize=10)
        ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=10)
        ax.set_ylim(-0.6, len(rows) - 0.4)
        ax.set_xlim(*xlim)
        if zero:
            ax.axvline(0, color="#555555", linewidth=1, linestyle=":")
        ax.set_xlabel(xlabel)
        return ax

    def _g_uc(self, fig, ev):
        z = 1.959964
        rows = [("Table 2: g ± 1.96 SE", ev["table"], ev["table"] - z * ev["se"],
                 ev["table"] + z * ev["se"], OKABE_ITO["blue"]),
                ("Abstract and text:\ng with printed 95% CI", ev["text"], *ev["ci"],
                 OKABE_ITO["orange"])]
        ax = self._number_line(fig, rows, "Hedges g, PRT vs usual care after treatment "
                               "(< 0 favours PRT)", (-2.5, -1.0))
        ax.text(0.98, 0.05, f"gap {ev['gap']:.2f} = {ev['gap_in_se']:.2f} SE",
                transform=ax.transAxes, ha="right", fontsize=11, color=HIGHLIGHT)
        return ax

    def _dates(self, fig, ev):
        from prtlib.trial import published

        ax = self._axes(fig, left=0.2, bottom=0.17)

        def month(key):
            year, mon = (int(v) for v in str(published.get(key)).split("-"))
            return year + (mon - 1) / 12

        spans = [("Methods", "dates.methods"), ("Abstract", "dates.abstract")]
        for y, (_label, prefix) in enumerate(spans):
            start, end = month(f"{prefix}.start"), month(f"{prefix}.end")
            ax.barh(y, end - start, left=start, height=0.45,
                    color=OKABE_ITO["blue"] if y == 0 else OKABE_ITO["orange"])
            ax.text(end + 0.03, y, published.fact(f"{prefix}.end").printed, va="center",
                    fontsize=10)
            ax.text(start - 0.03, y, published.fact(f"{prefix}.start").printed, va="center",
                    ha="right", fontsize=10)
        ax.set_yticks([0, 1], [s[0] for s in spans])
        ticks = [2017.5, 2018.0, 2018.5, 2019.0]
        ax.set_xticks(ticks, ["Jul 2017", "Jan 2018", "Jul 2018", "Jan 2019"])
        ax.set_xlim(2017.2, 2019.3)
        ax.set_ylim(-0.6, 1.6)
        ax.set_xlabel("Calendar time")
        ax.text(0.5, 0.93, f"{ev['abstract_months']} vs {ev['methods_months']} months: the same "
                "two months, start and end swapped", transform=ax.transAxes, ha="center",
                fontsize=10.5, color=HIGHLIGHT)
        return ax

    def _odi(self, fig, ev):
        z = 1.959964
        g = ev["g"]
        rows = [
            ("printed g, with the SE\nthat P < .001 needs", g, g - z * ev["se_needed"],
             g + z * ev["se_needed"], OKABE_ITO["orange"]),
            (f"printed g, with the SE\nthat n = {ev['n1']}/{ev['n2']} gives", g,
             g - z * ev["se_given_n"], g + z * ev["se_given_n"], HIGHLIGHT),
            ("g from the 12-month\nmeans and SDs", ev["g_from_12mo_means"],
             ev["g_from_12mo_means"] - z * ev["se_from_12mo_means"],
             ev["g_from_12mo_means"] + z * ev["se_from_12mo_means"], OKABE_ITO["blue"]),
        ]
        ax = self._number_line(fig, rows, "Hedges g with 95% interval, 12-month disability "
                               "(ODI), PRT vs placebo", (-1.2, 0.65), zero=True)
        ax.text(0.98, 0.97, f"P < .001 would need\nabout {int(np.ceil(ev['n_per_group_needed']))} "
                "per arm", transform=ax.transAxes, ha="right", va="top", fontsize=10.5,
                color=HIGHLIGHT)
        return ax

    def _pcs(self, fig, ev):
        ax = self._axes(fig)
        ax.set_axis_off()
        box = {"boxstyle": "round,pad=0.6", "fc": "#F4F4F4", "ec": "#555555"}
        ax.text(0.22, 0.62, "eTable 6 rows labelled\n'Pain Catastrophizing Scale'",
                ha="center", va="center", fontsize=12, bbox=box)
        ax.text(0.78, 0.62, "eTable 6 rows of\nPANAS negative affect", ha="center",
                va="center", fontsize=12, bbox=box)
        ax.text(0.5, 0.62, "=", ha="center", va="center", fontsize=30, color=HIGHLIGHT)
        ax.text(0.5, 0.3, "The same numbers under two labels: the 'PCS' rows cannot be PCS "
                "results.\nThe course quotes no PCS numbers from eTable 6.", ha="center",
                va="center", fontsize=11)
        return ax

    def _sign(self, fig, ev):
        ax = self._axes(fig, left=0.11)
        labels = ["path a,\n1 month", "path a,\n12 months", "eTable 5 row\n'TSK-11 at 12 mo'"]
        values = [ev["a.1mo"], ev["a.12mo"], ev["row_a"]]
        colours = [OKABE_ITO["blue"], OKABE_ITO["blue"], "white"]
        bars = ax.bar(range(3), values, color=colours, width=0.55)
        bars[2].set_edgecolor(HIGHLIGHT)
        bars[2].set_hatch("//")
        bars[2].set_linewidth(2)
        for i, v in enumerate(values):
            ax.text(i, v + (0.08 if v > 0 else -0.08), f"{v:+.2f}", ha="center",
                    va="bottom" if v > 0 else "top", fontsize=11)
        ax.axhline(0, color="#555555", linewidth=1)
        ax.set_xticks(range(3), labels)
        ax.set_ylim(-2.0, 1.6)
        ax.set_ylabel("Standardized path a\n(PRT vs placebo → TSK-11 change)")
        ax.text(0.02, 0.96, f"TSK-11 change: PRT {ev['tsk11_change.prt']:+.2f}, placebo "
                f"{ev['tsk11_change.placebo']:+.2f} points\n→ path a should be negative",
                transform=ax.transAxes, ha="left", va="top", fontsize=10.5,
                color=HIGHLIGHT)
        return ax

    def _connectivity(self, fig, ev):
        from matplotlib.patches import Rectangle

        from prtlib.trial import published

        ax = self._axes(fig, left=0.16, right=0.8, bottom=0.17)
        conn = published.fmri_connectivity()
        seeds = ["aIns", "aPFC", "aMCC"]
        comparisons = [("prt_vs_placebo", "vs placebo"), ("prt_vs_usual_care", "vs usual care")]
        for i, seed in enumerate(seeds):
            for j, (cmp, _) in enumerate(comparisons):
                rows = conn[(conn["seed"] == seed) & (conn["comparison"] == cmp)]
                n = int(rows["cluster"].sum())
                regions = ", ".join(str(r) for r in rows["target_region"].dropna())
                claimed = seed in ("aIns", "aPFC")
                face = "#CDEBDD" if n else "#F6D2BF"
                ax.add_patch(Rectangle((j, i), 1, 1, fc=face, ec=HIGHLIGHT if claimed else "white",
                                       lw=3 if claimed else 1))
                ax.text(j + 0.5, i + 0.5, f"{n} cluster{'s' if n != 1 else ''}\n{regions}"
                        if n else "no cluster", ha="center", va="center", fontsize=10.5)
        ax.set_xlim(0, 2)
        ax.set_ylim(3, 0)
        ax.set_xticks([0.5, 1.5], [c[1] for c in comparisons])
        ax.set_yticks([0.5, 1.5, 2.5], [f"{s} seed" for s in seeds])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.text(2.06, 1.0, "Outlined: the\nabstract's claim\n(both seeds vs\nboth control\narms)",
                fontsize=10, va="center", color=HIGHLIGHT)
        return ax

    def _change_score(self, fig, ev):
        ax = self._axes(fig, left=0.11)
        comparisons = list(COMPARISON_LABELS.items())
        for j, (cmp, _) in enumerate(comparisons):
            for k, (kind, label, colour) in enumerate(
                    [("change_score", "change-score g (Table 2)", OKABE_ITO["blue"]),
                     ("post_only", "post-only g (from means and SDs)", OKABE_ITO["sky_blue"])]):
                value = ev[f"{kind}.{cmp}"]
                ax.bar(j + (k - 0.5) * 0.36, value, width=0.34, color=colour,
                       label=label if j == 0 else None)
                ax.text(j + (k - 0.5) * 0.36, value - 0.05, f"{value:.2f}", ha="center",
                        va="top", fontsize=10.5)
        ax.axhline(0, color="#555555", linewidth=1)
        ax.set_xticks([0, 1], [c[1] for c in comparisons])
        ax.set_ylim(-2.2, 0.6)
        ax.set_ylabel("Hedges g, post-treatment pain\n(negative favours PRT)")
        ax.legend(loc="upper center", fontsize=10, frameon=False, ncols=2)
        return ax

    def _public(self, fig, ev):
        ax = self._axes(fig, left=0.11)
        kinds = [("table2", "Table 2: mean of two sessions", 1.0),
                 ("public", "public file: one session", 0.4)]
        for i, arm in enumerate(ARMS):
            for k, (kind, _label, alpha) in enumerate(kinds):
                value = ev[f"{kind}.{arm}"]
                ax.bar(i + (k - 0.5) * 0.36, value, width=0.34, color=ARM_COLORS[arm],
                       alpha=alpha)
                ax.text(i + (k - 0.5) * 0.36, value + 0.05, f"{value:.2f}", ha="center",
                        fontsize=10)
        ax.set_xticks(range(3), [ARM_SHORT_LABELS[a] for a in ARMS])
        ax.set_ylim(0, 5.6)
        ax.set_ylabel("Baseline pain (0-10)")
        # Neutral keys (solid and pale grey): the bars take each arm's colour.
        ax.legend(handles=[Patch(facecolor="#666666", alpha=alpha, label=label)
                           for _, label, alpha in kinds],
                  loc="upper right", fontsize=9.5, frameon=False, ncols=2)
        return ax

    # -- the wire -----------------------------------------------------------------------
    def compute(self, item):
        return {"item": item, "check": inconsistencies.check_inconsistency(item)}

    def draw(self, state):
        for item, ax in self.panels.items():
            ax.set_visible(item == state["item"])

    def describe(self, state):
        check = state["check"]
        versions = "; ".join(html.escape(v) for v in check.versions[:4])
        more = f" (and {len(check.versions) - 4} more keys)" if len(check.versions) > 4 else ""
        return (f"<b>{html.escape(check.verdict)}</b><br>What it changes: "
                f"{html.escape(check.changes)}<br><small>Ledger: {versions}{more}</small>")


# ---------------------------------------------------------------------------------------
# Replication planner
# ---------------------------------------------------------------------------------------

_N_GRID = np.unique(np.round(np.geomspace(5, 2000, 160)))


@functools.lru_cache(maxsize=64)
def _power_curve(g: float, alpha: float) -> np.ndarray:
    from prtlib.stats.power import power_two_groups

    return power_two_groups(abs(g), _N_GRID, alpha=alpha)


class ReplicationPlannerExplorer(Explorer):
    """How many participants a replication needs, for the published effect or a smaller one.

    Controls: ``target`` (which effect to plan for: as published, winner's-curse adjusted,
    with an allowance for unblinded self-report, the trial's own planning effect, or the
    end of the 12-month interval nearest zero), ``power`` and ``alpha`` (two-sided). The
    figure draws power against participants per arm for the chosen effect (in colour) and
    the others (grey), with the sample size needed and the trial's 50 per arm marked.
    """

    title = "Planning a replication"
    figure_alt = ("Power of a two-arm replication against participants per arm (log "
                  "scale) for the chosen effect size (blue curve) and the other candidate "
                  "effects (light grey curves), with the size needed for the chosen power "
                  "(vermillion line) and the trial's own size per arm (dotted line).")

    def make_controls(self):
        import ipywidgets as widgets

        targets = evidence.replication_targets()
        return {
            "target": widgets.Dropdown(
                options=[(f"{t.label} (g = {t.g:.2f})", t.key) for t in targets],
                value="12mo_placebo_bound", description="Plan for",
                style={"description_width": "70px"}, layout=widgets.Layout(width="580px")),
            "power": widgets.ToggleButtons(options=[("80%", 0.8), ("90%", 0.9), ("95%", 0.95)],
                                           value=0.9, description="Power",
                                           style={"button_width": "60px"}),
            "alpha": widgets.ToggleButtons(options=[(".05", 0.05), (".01", 0.01)], value=0.05,
                                           description="Alpha", style={"button_width": "60px"}),
        }

    def setup_figure(self):
        from matplotlib.ticker import NullLocator

        fig, ax = new_figure(8.6, 4.2)
        self.targets = {t.key: t for t in evidence.replication_targets()}
        for target in self.targets.values():  # warm the caches: every move is then a redraw
            for alpha in self.controls["alpha"]._options_values:
                _power_curve(target.g, alpha)
                for power in self.controls["power"]._options_values:
                    evidence.replication_plan(target.g, power=power, alpha=alpha)
        self.others = {key: ax.plot(_N_GRID, np.zeros_like(_N_GRID), color=MUTED,
                                    linewidth=1.5)[0] for key in self.targets}
        (self.curve,) = ax.plot(_N_GRID, np.zeros_like(_N_GRID), color=OKABE_ITO["blue"],
                                linewidth=3)
        self.target_line = ax.axhline(0.9, color="#555555", linestyle="--", linewidth=1)
        self.needed_line = ax.axvline(100, color=HIGHLIGHT, linewidth=2)
        n_trial = evidence.replication_plan(-1.0).n_trial
        ax.axvline(n_trial, color="#555555", linestyle=":", linewidth=1.5)
        self.needed_text = ax.text(100, 0.5, "", color=HIGHLIGHT, fontsize=11,
                                   fontweight="bold", va="center")
        ax.set_xscale("log")
        ax.set_xlim(_N_GRID[0], _N_GRID[-1])
        # The trial's size is named under the axis, in its tick label: a label inside the
        # plot would be crossed by the "needed" line whenever a plan lands near 50.
        ticks = sorted({5, 10, 20, 50, 100, 200, 500, 1000, 2000, n_trial})
        ax.set_xticks(ticks, [f"{t}\nthis trial" if t == n_trial else str(t) for t in ticks])
        self.trial_tick = ticks.index(n_trial)
        ax.xaxis.set_minor_locator(NullLocator())
        self.title_artist = ax.set_title("|g| placeholder (sets the layout)", fontsize=12,
                                         loc="left")
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("Participants per arm (log scale)")
        ax.set_ylabel("Power (two-sided t test)")
        ax.grid(alpha=0.3)
        freeze_layout(fig)
        return fig, ax

    def compute(self, target, power, alpha):
        chosen = self.targets[target]
        plan = evidence.replication_plan(chosen.g, power=power, alpha=alpha)
        return {"target": chosen, "plan": plan, "alpha": alpha, "power": power,
                "curve": _power_curve(chosen.g, alpha),
                "others": {k: _power_curve(t.g, alpha) for k, t in self.targets.items()}}

    def draw(self, state):
        for key, line in self.others.items():
            line.set_ydata(state["others"][key])
        self.curve.set_ydata(state["curve"])
        self.target_line.set_ydata([state["power"], state["power"]])
        n = state["plan"].n_per_arm
        self.needed_line.set_xdata([n, n])
        inside = n < _N_GRID[-1] / 3
        self.needed_text.set_position((n * (1.06 if inside else 0.94), 0.5))
        self.needed_text.set_horizontalalignment("left" if inside else "right")
        self.needed_text.set_text(f"{n} per arm")
        self.axes.set_title(f"|g| = {abs(state['target'].g):.2f}: {state['target'].label}",
                            fontsize=12, loc="left")

    def moving_artists(self):
        return [*self.others.values(), self.curve, self.target_line, self.needed_line,
                self.needed_text, self.title_artist]

    def describe(self, state):
        plan = state["plan"]
        target = state["target"]
        return (f"<b>To detect |g| = {abs(target.g):.2f} with {plan.power:.0%} power at "
                f"two-sided alpha {plan.alpha:g}, a replication needs {plan.n_per_arm} per "
                f"arm ({plan.ratio_to_trial:.1f} × the trial's {plan.n_trial}); "
                f"{2 * plan.n_per_arm} for two arms.</b> A trial of the original size would "
                f"have power {plan.power_at_trial_size:.2f} for this effect. "
                f"{html.escape(target.rationale)}")
