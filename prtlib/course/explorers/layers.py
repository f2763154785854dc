"""The kept layers of an explorer's figure: which artists move, what the static layer looks
like (per axes), and the pixels kept for it, so that a move draws only what changed.

Used by :class:`prtlib.course.explorers.base.Explorer`, whose docstring describes the method.
"""

from __future__ import annotations

from prtlib.course.plotting import encode_png


def _layout_frozen(figure) -> bool:
    """Whether drawing the figure leaves its axes where they are (no layout engine runs)."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = figure.get_layout_engine()
    return engine is None or isinstance(engine, PlaceHolderLayoutEngine)


_MAX_KEPT_LAYERS = 6


def _why_whole(tree, signature, previous) -> str:
    """Why the figure must be drawn whole, or an empty string when it need not be: what
    changed belongs to the figure itself (not to one of its axes)."""
    if tree.unsupported:
        return "a moving artist is not drawn by an axes or the figure itself"
    changed = [a for a in tree.static_others if a._stale and tree.owner(a) is None]
    if changed:
        return f"a static artist changed: {changed[0]!r}"
    if previous is None or len(signature) != len(previous):
        return "first rendering, or artists added or removed"
    for now, before in zip(signature, previous, strict=True):
        if now != before:
            return f"the static layer changed: {before!r} became {now!r}"[:300]
    return ""


def _walk(artist, parent=None, skip=frozenset()):
    """Every artist under ``artist`` with its parent, skipping each axis' own tree (ticks
    are rebuilt by every drawing; the axis is compared by its limits, ticks and label) and
    what a moving artist (id in ``skip``) draws itself, such as a legend's texts."""
    from matplotlib.axis import Axis

    yield artist, parent
    if isinstance(artist, Axis) or id(artist) in skip:
        return
    for child in artist.get_children():
        yield from _walk(child, artist, skip)


class _ArtistTree:
    """A figure's artists split into the moving ones and the static layer."""

    def __init__(self, figure, moving):
        from matplotlib.axes import Axes
        from matplotlib.axis import Axis
        from matplotlib.text import Text

        self.figure = figure
        self.moving_ids = frozenset(id(a) for a in moving)
        parents = {}
        self._owners = {}  # id of an artist -> the figure's axes that draws it (or None)
        self.static_texts, self.static_others = [], []
        for artist, parent in _walk(figure, skip=self.moving_ids):
            parents[id(artist)] = parent
            if parent is figure:
                self._owners[id(artist)] = artist if isinstance(artist, Axes) else None
            elif parent is not None:
                self._owners[id(artist)] = self._owners.get(id(parent))
            if id(artist) in self.moving_ids or artist is figure or isinstance(artist, Axes):
                continue
            if isinstance(artist, Text):
                self.static_texts.append(artist)
            elif not isinstance(artist, Axis):
                self.static_others.append(artist)
        # A moving artist must be drawn by its axes or by the figure itself.
        self.unsupported = False
        self.containers = {}
        for artist in moving:
            parent = parents.get(id(artist))
            if parent is None or not (parent is figure or isinstance(parent, Axes)):
                self.unsupported = True
                break
            self.containers.setdefault(id(parent), [parent, []])[1].append(artist)
        # In the order each container draws its children, from its first moving artist on,
        # the artists come in runs: moving, static, moving, static ... Run j of every
        # container makes level j: its moving artists are drawn on each move and its
        # static ones are kept as overlay j, laid over them. (Containers are axes, which do
        # not overlap, or the figure itself.)
        self.levels: list[tuple[list, list]] = []
        self.structure: tuple = ()
        if self.unsupported:
            return
        for container, members in self.containers.values():
            order = _draw_order(container)
            ids = {id(a) for a in members}
            first = next(i for i, a in enumerate(order) if id(a) in ids)
            j, previous = -1, None
            for artist in order[first:]:
                moving = id(artist) in ids
                if moving and previous is not True:
                    j += 1
                    if j == len(self.levels):
                        self.levels.append(([], []))
                self.levels[j][0 if moving else 1].append(artist)
                previous = moving
        self.structure = tuple((tuple(id(a) for a in m), tuple(id(a) for a in st))
                               for m, st in self.levels)

    def owner(self, artist):
        """The figure's axes that draws ``artist`` (None for the figure's own artists)."""
        return self._owners.get(id(artist))

    def signature(self):
        """What the static layer looks like, in values that are cheap to read: the figure's
        own part, and one part per axes (by id), which a move may change alone."""
        fig = self.figure
        sig = [tuple(fig.get_size_inches()), fig.dpi,
               tuple(id(a) for a in fig.get_children())]
        panels = {}
        for ax in fig.axes:
            part = [(ax.get_visible(), tuple(ax.get_position().bounds), ax.get_xlim(),
                     ax.get_ylim(), tuple(id(a) for a in ax.get_children()))]
            for axis in (ax.xaxis, ax.yaxis):
                locs = axis.get_majorticklocs()
                part.append((axis.get_visible(), axis.get_scale(), tuple(locs),
                             tuple(axis.get_major_formatter().format_ticks(locs)),
                             axis.label.get_text(), axis.label.get_visible()))
            panels[id(ax)] = part
        for text in self.static_texts:
            value = (text.get_text(), text.get_position(), text.get_visible(),
                     str(text.get_color()), text.get_fontsize(), text.get_rotation())
            owner = self.owner(text)
            (sig if owner is None else panels.setdefault(id(owner), [])).append(value)
        sig.append(tuple(panels))
        return sig, panels

    def stale_panels(self) -> set:
        """The ids of the axes holding a static artist changed since the last rendering."""
        return {id(self.owner(a)) for a in self.static_others
                if a._stale and self.owner(a) is not None}

    def mark_clean(self) -> None:
        for artist in self.static_others:
            artist._stale = False


def _draw_order(container):
    """The children of an axes or a figure in the order its ``draw`` draws them."""
    from matplotlib.axes import Axes

    children = [a for a in container.get_children() if a is not container.patch]
    if isinstance(container, Axes):
        if not (container.axison and container._frameon):
            children = [a for a in children if a not in container.spines.values()]
        if not container.axison:
            children = [a for a in children if a not in (container.xaxis, container.yaxis)]
    return sorted(children, key=lambda a: a.get_zorder())


class _Layers:
    """The static layer of one layout: the background below the moving artists, and for
    each level the overlay drawn above its moving artists (the pixels it covers, with their
    colour and opacity); with, per axes, its signature and the pixels it covers, so that an
    axes whose own static layer changed can be drawn whole over the others' layers."""

    def __init__(self, background, blank, overlays, panels, rects, figure_rects):
        self.background = background  # RGBA pixels, moving artists and overlays left out
        self.blank = blank  # RGBA pixels of the figure's background alone
        self.overlays = overlays
        self.panels = panels  # id of an axes -> its signature when its layers were kept
        self.rects = rects  # id of an axes -> (row0, row1, col0, col1) of what it draws
        self.figure_rects = figure_rects  # the figure's own visible artists
        self.pending: dict = {}  # id of an axes -> its signature at its last whole drawing
        self.dirty: set = set()  # axes whose kept layers hold a changed static artist
        self.territory: dict = {}  # id of an axes -> the pixels it may draw on alone
        self._territories()

    @classmethod
    def build(cls, figure, tree, panels):
        import numpy as np

        canvas = figure.canvas
        renderer = canvas.get_renderer()
        height, width = int(figure.bbox.height), int(figure.bbox.width)
        rects = {id(ax): _pixel_rect(ax.get_tightbbox(renderer), height, width)
                 for ax in figure.axes if ax.get_visible()}
        rects = {key: rect for key, rect in rects.items() if rect is not None}
        figure_rects = [_pixel_rect(child.get_window_extent(renderer), height, width)
                        for child in figure.get_children()
                        if child is not figure.patch and child.get_visible()
                        and id(child) not in rects]
        touched = {}
        # Each drawing places the axes' titles again (above the tick labels); with parts of
        # the figure hidden it would place them wrongly, so keep where the last whole
        # drawing put them.
        titles = _Titles(figure)

        def hide(artist):
            if id(artist) not in touched:
                touched[id(artist)] = (artist, artist.get_visible())
            artist.set_visible(False)

        def restore():
            for artist, visible in touched.values():
                artist.set_visible(visible)
            touched.clear()

        overlays = []
        try:
            for _moving, statics in tree.levels:
                if not statics:
                    overlays.append(None)
                    continue
                # Overlay j: only the static artists of level j, on a clear canvas.
                ids = {id(a) for a in statics}
                keep = ids | {id(c) for c, _m in tree.containers.values()
                              if any(id(a) in ids for a in c.get_children())}
                hide(figure.patch)
                for child in figure.get_children():
                    if id(child) not in keep:
                        hide(child)
                for container, _members in tree.containers.values():
                    if container is figure:
                        continue
                    hide(container.patch)
                    for child in container.get_children():
                        if id(child) not in ids:
                            hide(child)
                canvas.draw()
                overlays.append(_overlay(np.asarray(canvas.buffer_rgba()).reshape(-1, 4)))
                restore()
            # The background: everything but the moving artists and the overlays.
            for moving, statics in tree.levels:
                for artist in [*moving, *statics]:
                    hide(artist)
            canvas.draw()
            background = np.array(canvas.buffer_rgba())
            restore()
            for child in figure.get_children():
                if child is not figure.patch:
                    hide(child)
            canvas.draw()
            blank = np.array(canvas.buffer_rgba())
        finally:
            restore()
            titles.restore()
        return cls(background, blank, overlays, dict(panels), rects, figure_rects)

    def _territories(self) -> None:
        """Give each axes the pixels it may draw on when drawn alone: what it covers,
        widened on each side (up to 24 pixels, so that tick labels may grow a little) as
        far as keeps it apart from the other axes and the figure's own artists."""
        height, width = self.background.shape[:2]
        limits = (height, height, width, width)
        self.territory = {}
        for key, rect in self.rects.items():
            rect = list(rect)
            rivals = [r for k, r in self.rects.items() if k != key] + self.figure_rects
            if any(_overlap(rect, other) for other in rivals):
                continue  # overlapping axes (twins, insets) are never drawn alone
            others = [self.territory.get(k, r) for k, r in self.rects.items() if k != key]
            others += self.figure_rects
            for side, sign in ((0, -1), (1, 1), (2, -1), (3, 1)):
                for margin in (24, 12, 6, 3):
                    grown = list(rect)
                    grown[side] = min(max(rect[side] + sign * margin, 0), limits[side])
                    if not any(_overlap(grown, other) for other in others):
                        rect = grown
                        break
            self.territory[key] = tuple(rect)

    def changed_panels(self, tree, panels) -> dict:
        """The axes to draw whole on this move, by id, each with ``"whole"`` (its static
        layer is still changing: draw it whole over the others' layers) or ``"keep"`` (it
        changed on the last move and stayed: keep its new layers, then draw as usual)."""
        stale = tree.stale_panels()
        self.dirty |= stale
        changed = {}
        for ax in tree.figure.axes:
            key = id(ax)
            now = panels.get(key)
            if now == self.panels.get(key) and key not in self.dirty:
                self.pending.pop(key, None)
                continue
            if key not in stale and self.pending.get(key) == now:
                changed[key] = (ax, "keep")
            else:
                changed[key] = (ax, "whole")
                self.pending[key] = now
            changed[key] += (now,)
        return changed

    def can_redraw_panels(self, figure, tree, changed) -> bool:
        """Whether each changed axes can be drawn alone: it has pixels of its own, apart from
        the other axes and the figure's own artists, and no moving artist belongs to the
        figure itself. (Drawing it whole then checks that it stayed on them.)"""
        if any(container is figure for container, _m in tree.containers.values()):
            return False
        return all(key in self.territory for key in changed)

    def _keep_panel(self, figure, tree, ax, key, now) -> None:
        """Draw the new static layer of one axes into the kept background and overlays."""
        import numpy as np

        canvas = figure.canvas
        renderer = canvas.get_renderer()
        buf = np.asarray(canvas.buffer_rgba())
        r0, r1, c0, c1 = self.territory[key]
        width = buf.shape[1]
        titles = _Titles(figure)
        mine = [[a for a in statics if tree.owner(a) is ax] for _m, statics in tree.levels]
        in_levels = {id(a) for moving, statics in tree.levels for a in [*moving, *statics]}
        hidden = []
        try:
            buf[r0:r1, c0:c1] = self.blank[r0:r1, c0:c1]
            for child in ax.get_children():
                if id(child) in in_levels and child.get_visible():
                    child.set_visible(False)
                    hidden.append(child)
            ax.draw(renderer)
            self.background[r0:r1, c0:c1] = buf[r0:r1, c0:c1]
            # What the axes covers now: its box, what it drew and its overlays' pixels.
            drawn = (_pixel_rect(ax.get_window_extent(renderer), *buf.shape[:2])
                     or self.territory[key])
            covered = (buf[r0:r1, c0:c1].view(np.uint32)[..., 0]
                       != self.blank[r0:r1, c0:c1].view(np.uint32)[..., 0])
            for artist in hidden:
                artist.set_visible(True)
            hidden.clear()
            for j, statics in enumerate(mine):
                overlay = self.overlays[j]
                if overlay is not None:
                    outside = ~_inside(overlay[0], [(r0, r1, c0, c1)], width)
                    overlay = tuple(part[outside] for part in overlay)
                if statics:
                    ids = {id(a) for a in statics}
                    for child in [ax.patch, *ax.get_children()]:
                        if id(child) not in ids and child.get_visible():
                            child.set_visible(False)
                            hidden.append(child)
                    buf[r0:r1, c0:c1] = 0
                    ax.draw(renderer)
                    for artist in hidden:
                        artist.set_visible(True)
                    hidden.clear()
                    covered |= buf[r0:r1, c0:c1, 3] != 0
                    index, color, alpha = _overlay(buf[r0:r1, c0:c1].reshape(-1, 4))
                    index = (r0 + index // (c1 - c0)) * width + c0 + index % (c1 - c0)
                    new = (index, color, alpha)
                    overlay = new if overlay is None else tuple(
                        np.concatenate([a, b]) for a, b in zip(overlay, new, strict=True))
                self.overlays[j] = overlay
        finally:
            for artist in hidden:
                artist.set_visible(True)
            titles.restore()
        rows, cols = np.flatnonzero(covered.any(axis=1)), np.flatnonzero(covered.any(axis=0))
        if rows.size:
            drawn = (min(drawn[0], r0 + rows[0] - 3), max(drawn[1], r0 + rows[-1] + 4),
                     min(drawn[2], c0 + cols[0] - 3), max(drawn[3], c0 + cols[-1] + 4))
        self.panels[key] = now
        self.rects[key] = tuple(int(v) for v in drawn)
        self._territories()
        self.dirty.discard(key)
        self.pending.pop(key, None)

    def blit(self, figure, tree, changed=None) -> bytes | None:
        """The PNG of this move; None when an axes drawn whole drew outside its own pixels
        (then the figure must be drawn whole)."""
        import numpy as np

        changed = changed or {}
        for key, (ax, mode, now) in changed.items():
            if mode == "keep":
                self._keep_panel(figure, tree, ax, key, now)
        whole = {key: ax for key, (ax, mode, _now) in changed.items() if mode == "whole"}
        canvas = figure.canvas
        renderer = canvas.get_renderer()
        buf = np.asarray(canvas.buffer_rgba())
        buf[...] = self.background
        for key, ax in whole.items():
            r0, r1, c0, c1 = self.territory[key]
            buf[r0:r1, c0:c1] = self.blank[r0:r1, c0:c1]
            ax.draw(renderer)
        cleared = [self.territory[key] for key in whole]
        if cleared:
            spilled = buf.view(np.uint32)[..., 0] != self.background.view(np.uint32)[..., 0]
            for r0, r1, c0, c1 in cleared:
                spilled[r0:r1, c0:c1] = False
            if spilled.any():
                return None
        flat = buf.reshape(-1, 4)
        for (moving, _statics), overlay in zip(tree.levels, self.overlays, strict=True):
            for artist in moving:
                if id(tree.owner(artist)) not in whole:
                    artist.draw(renderer)
            if overlay is not None:
                index, color, alpha = overlay
                if cleared:
                    outside = ~_inside(index, cleared, buf.shape[1])
                    index, color, alpha = index[outside], color[outside], alpha[outside]
                below = flat[index].astype(np.float32)
                keep = 1.0 - alpha
                flat[index, :3] = np.rint(color + below[:, :3] * keep).astype(np.uint8)
                flat[index, 3] = np.rint(255.0 * alpha[:, 0]
                                         + below[:, 3] * keep[:, 0]).astype(np.uint8)
        return encode_png(figure, buf)


class _Titles:
    """Where the axes' titles stand now, to put them back after drawing parts of a figure."""

    def __init__(self, figure):
        self.titles = [t for ax in figure.axes
                       for t in (ax.title, ax._left_title, ax._right_title)]
        self.positions = [t.get_position() for t in self.titles]

    def restore(self) -> None:
        for title, position in zip(self.titles, self.positions, strict=True):
            title.set_position(position)


def _overlay(pixels):
    """The drawn pixels of RGBA ``pixels`` (n x 4): their flat index, colour premultiplied
    by opacity, and opacity."""
    import numpy as np

    index = np.flatnonzero(pixels[:, 3])
    alpha = pixels[index, 3:4].astype(np.float32) / 255.0
    color = pixels[index, :3].astype(np.float32) * alpha
    return index, color, alpha


def _pixel_rect(bbox, height, width, pad=3):
    """A display bounding box as (row0, row1, col0, col1) of the RGBA buffer, widened by
    ``pad`` pixels for antialiased edges and cut to the figure; None without a box."""
    import math

    if bbox is None or not all(math.isfinite(v) for v in bbox.extents):
        return None
    col0 = max(0, math.floor(bbox.x0) - pad)
    col1 = min(width, math.ceil(bbox.x1) + pad)
    row0 = max(0, height - math.ceil(bbox.y1) - pad)
    row1 = min(height, height - math.floor(bbox.y0) + pad)
    return (row0, max(row0, row1), col0, max(col0, col1))


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _inside(index, rects, width):
    """Which flat pixel indices fall in any of ``rects``."""
    import numpy as np

    rows, cols = np.divmod(index, width)
    inside = np.zeros(index.shape, dtype=bool)
    for r0, r1, c0, c1 in rects:
        inside |= (rows >= r0) & (rows < r1) & (cols >= c0) & (cols < c1)
    return inside
