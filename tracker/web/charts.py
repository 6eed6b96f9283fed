"""Bar charts as inline SVG, each with a title, a description and its numbers as a table (text alternative).

No JavaScript and no inline styles (the content security policy forbids them): colours come from classes.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from tracker.services import dutch
from tracker.services.charts import Chart

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 64


@dataclass(frozen=True)
class Drawn:
    """A chart as drawn on a page: the SVG and its numbers as a table."""

    id: str
    title: str
    description: str
    svg: Markup
    header: list[str]
    rows: list[list[str]]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 5:
            return step * 5 if step * 5 >= value else step * 10
    return value


def draw(chart: Chart) -> Drawn:
    chart_id, title, description = chart.id, chart.title, chart.description
    labels, series, stacked, y_max = chart.labels, chart.series, chart.stacked, chart.y_max
    fmt = lambda v: dutch.number(float(v), chart.decimals)  # noqa: E731
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if stacked:
        peak = max((sum(s.values[i] or 0 for s in series) for i in range(len(labels))), default=0)
    else:
        peak = max((v or 0 for s in series for v in s.values), default=0)
    top = y_max or _nice_max(peak)
    group = plot_w / max(len(labels), 1)
    bars = 1 if stacked else len(series)
    bar_w = max(2.0, (group * 0.7) / bars)
    y = lambda v: TOP + plot_h - (v / top) * plot_h  # noqa: E731
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{chart_id}-titel {chart_id}-omschrijving" focusable="false">',
             f'<title id="{chart_id}-titel">{escape(title)}</title>',
             f'<desc id="{chart_id}-omschrijving">{escape(description)}</desc>']
    steps = 5 if float(top / 5).is_integer() else 4
    for i in range(steps + 1):  # horizontal grid and y labels
        tick = top * i / steps
        parts.append(f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}"/>')
        parts.append(f'<text class="chart__axis" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                     f'{escape(fmt(tick))}</text>')
    for i, label in enumerate(labels):
        x0 = LEFT + i * group + group * 0.15
        base = 0.0
        for j, s in enumerate(series):
            value = s.values[i]
            if value is None:
                continue
            x = x0 if stacked else x0 + j * bar_w
            y_top = y(base + value)
            height = y(base) - y_top
            parts.append(f'<rect class="chart__bar {s.css}" x="{x:.1f}" y="{y_top:.1f}" width="{bar_w:.1f}" '
                         f'height="{max(height, 0):.1f}"><title>{escape(s.name)} {escape(label)}: '
                         f'{escape(fmt(value))}</title></rect>')
            if stacked:
                base += value
        parts.append(f'<text class="chart__axis" x="{LEFT + i * group + group / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    for j, s in enumerate(series):  # legend
        lx = LEFT + j * (plot_w / max(len(series), 1))
        parts.append(f'<rect class="chart__bar {s.css}" x="{lx:.1f}" y="{HEIGHT - 28}" width="12" height="12"/>')
        parts.append(f'<text class="chart__legend" x="{lx + 16:.1f}" y="{HEIGHT - 18}">{escape(s.name)}</text>')
    parts.append("</svg>")
    header = [""] + [s.name for s in series]
    rows = [[label] + ["" if s.values[i] is None else fmt(s.values[i]) for s in series]
            for i, label in enumerate(labels)]
    # Reviewed (B704): every text inside is escaped with markupsafe.escape or rendered by Jinja's autoescaping.
    return Drawn(chart_id, title, description, Markup("".join(parts)), header, rows)  # nosec B704
