"""Static charts of the document model, drawn with matplotlib (no browser) as SVG (vector; text as paths, so
the Japanese labels need no font in the PDF viewer) or PNG.

Each chart reads the table of its section the model names; the Sankey draws its links as bands between
columns of nodes (inflow categories → organisation → flow types → recovered / not recovered).
"""
from __future__ import annotations

import io

from ..document.model import Chart, Num, Section, Table
from ..document.numbers import format_number

PALETTE = ("#1F4E78", "#2E86AB", "#59A96A", "#9BC53D", "#F4A259", "#BC4B51", "#8E7DBE", "#5B8E7D", "#C9A227",
           "#6C757D")
FONT_FAMILY = ["Noto Sans CJK JP", "Noto Sans CJK", "IPAexGothic", "DejaVu Sans"]


class _Figures:
    """What the charts need of matplotlib, without pyplot (whose import and figure manager cost about a
    second and keep global state): figures are plain :class:`matplotlib.figure.Figure` objects, saved by
    their own canvas."""

    def __init__(self):
        import matplotlib
        from matplotlib.figure import Figure

        matplotlib.rcParams.update({"font.family": "sans-serif", "font.sans-serif": FONT_FAMILY, "font.size": 8,
                                    "svg.fonttype": "path", "axes.spines.top": False,
                                    "axes.spines.right": False})
        self._figure = Figure

    def subplots(self, figsize):
        fig = self._figure(figsize=figsize)
        return fig, fig.subplots()

    def close(self, fig) -> None:  # a Figure without pyplot is freed with its last reference
        pass


def _plt():
    return _Figures()


def _series(chart: Chart, table: Table) -> tuple[list[str], list[float]]:
    labels, values = [], []
    col = chart.value_columns[0]
    for row in table.rows:
        cell = row[col]
        v = cell.value if isinstance(cell, Num) else None
        if v is None:
            continue
        labels.append(str(row[0]))
        values.append(float(v))
    return labels, values


def draw(chart: Chart, section: Section, fmt: str = "svg", width_in: float = 6.3, height_in: float = 2.8) -> bytes | None:
    """The chart as SVG or PNG bytes, or None when it has nothing to show."""
    plt = _plt()
    if chart.kind == "sankey":
        if not chart.links:
            return None
        fig = _sankey(plt, chart, width_in, max(height_in, 3.4))
    else:
        table = section.table(chart.table)
        if table is None:
            return None
        labels, values = _series(chart, table)
        if not values or not any(values):
            return None
        fig, ax = plt.subplots(figsize=(width_in, height_in))
        colors = [PALETTE[i % len(PALETTE)] for i in range(len(values))]
        if chart.kind in ("pie", "doughnut"):
            pos = [(lab, v, c) for lab, v, c in zip(labels, values, colors) if v > 0]
            total = sum(v for _, v, _ in pos)
            wedges, _ = ax.pie([v for _, v, _ in pos], colors=[c for *_, c in pos], startangle=90, counterclock=False,
                               wedgeprops={"width": 0.45 if chart.kind == "doughnut" else 1, "edgecolor": "white"})
            ax.legend(wedges, [f"{lab}  {format_number(v, chart.unit)} {chart.unit}  ({v / total * 100:.1f}%)"
                               for lab, v, _ in pos], loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
            ax.set_aspect("equal")
        elif chart.kind == "bar":
            y = range(len(values))
            ax.barh(list(y), values, color=PALETTE[0])
            ax.set_yticks(list(y), labels)
            ax.invert_yaxis()
            for i, v in enumerate(values):
                ax.text(v, i, " " + format_number(v, chart.unit), va="center", fontsize=7)
            ax.set_xlabel(chart.unit)
            ax.margins(x=0.15)
        else:  # column
            x = range(len(values))
            ax.bar(list(x), values, color=colors)
            ax.set_xticks(list(x), [_wrap(lab, 18) for lab in labels])
            for i, v in enumerate(values):
                ax.text(i, v, format_number(v, chart.unit), ha="center", va="bottom", fontsize=7)
            if chart.percent_axis:
                ax.set_ylim(0, 100)
            ax.set_ylabel(chart.unit)
        ax.set_title(chart.title, fontsize=9, loc="left")
        fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=200, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _wrap(text: str, n: int) -> str:
    if len(text) <= n:
        return text
    words = text.split(" ")
    if len(words) == 1:
        return "\n".join(text[i:i + n] for i in range(0, len(text), n))
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > n:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "\n".join(lines)


def _sankey(plt, chart: Chart, width_in: float, height_in: float):
    """A layered Sankey: nodes in columns by their distance from the sources, bands as cubic curves."""
    from matplotlib.patches import PathPatch, Rectangle
    from matplotlib.path import Path

    links = [(s, d, v) for s, d, v in chart.links if v > 0]
    nodes: list[str] = []
    for s, d, _ in links:
        for k in (s, d):
            if k not in nodes:
                nodes.append(k)
    layer = {k: 0 for k in nodes}
    for _ in range(len(nodes)):
        for s, d, _ in links:
            layer[d] = max(layer[d], layer[s] + 1)
    n_layers = max(layer.values()) + 1
    size = {k: max(sum(v for s, _, v in links if s == k), sum(v for _, d, v in links if d == k)) for k in nodes}
    total = max(sum(size[k] for k in nodes if layer[k] == col) for col in range(n_layers))
    gap = total * 0.06
    pos: dict[str, tuple[float, float]] = {}  # node -> (y bottom, height) in value units
    for col in range(n_layers):
        col_nodes = [k for k in nodes if layer[k] == col]
        height = sum(size[k] for k in col_nodes) + gap * (len(col_nodes) - 1)
        y = (total + gap * 3 - height) / 2
        for k in col_nodes:
            pos[k] = (y, size[k])
            y += size[k] + gap
    fig, ax = plt.subplots(figsize=(width_in, height_in))
    node_w = 0.035
    xs = {k: layer[k] / max(n_layers - 1, 1) for k in nodes}
    out_off = {k: 0.0 for k in nodes}
    in_off = {k: 0.0 for k in nodes}
    color_of = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(nodes)}
    for s, d, v in links:
        x0, x1 = xs[s] + node_w, xs[d]
        y0 = pos[s][0] + out_off[s]
        y1 = pos[d][0] + in_off[d]
        out_off[s] += v
        in_off[d] += v
        xm = (x0 + x1) / 2
        verts = [(x0, y0), (xm, y0), (xm, y1), (x1, y1), (x1, y1 + v), (xm, y1 + v), (xm, y0 + v), (x0, y0 + v),
                 (x0, y0)]
        codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CURVE4, Path.CURVE4,
                 Path.CURVE4, Path.CLOSEPOLY]
        ax.add_patch(PathPatch(Path(verts, codes), facecolor=color_of[s], alpha=0.35, edgecolor="none"))
    for k in nodes:
        y, h = pos[k]
        ax.add_patch(Rectangle((xs[k], y), node_w, h, facecolor=color_of[k], edgecolor="none"))
        label = f"{chart.node_labels.get(k, k)}\n{format_number(size[k], 't')} t"
        last = layer[k] == n_layers - 1
        ax.text(xs[k] + (-0.008 if last else node_w + 0.008), y + h / 2, label, va="center",
                ha="right" if last else "left", fontsize=7)
    ax.set_xlim(-0.02, 1.0 + node_w + 0.02)
    ax.set_ylim(0, total + gap * 3)
    ax.invert_yaxis()
    ax.axis("off")
    ax.set_title(chart.title, fontsize=9, loc="left")
    fig.tight_layout()
    return fig
