"""Write the results of a run as a Markdown table into docs/performance.md, between markers per mode.

The full run and the quick run each keep their own block, so a quick check never overwrites the figures
at a million events. Everything else in the document is written by hand.
"""
from __future__ import annotations

import platform
from datetime import date
from pathlib import Path

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def markers(quick: bool) -> tuple[str, str]:
    mode = "quick" if quick else "full"
    return f"<!-- bench:{mode}:start -->", f"<!-- bench:{mode}:end -->"


def number(value: float) -> str:
    """Thousands separated for rates, enough decimals for seconds and milliseconds."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"


def render(results: list[dict], quick: bool, seconds: float) -> str:
    command = "make bench QUICK=1" if quick else "make bench"
    lines = [f"Command: `{command}` ({date.today().isoformat()}, {platform.node() or 'this machine'}, "
             f"{seconds / 60:.1f} min). Written by the run itself; `bench/results.json` holds the figures of the "
             "latest run, full or quick.", "",
             "| Benchmark | Value | Limit (same run) | Ratio | Target | Met |", "|---|---|---|---|---|---|"]
    for r in results:
        limit = "—" if r["limit"] is None else f"{number(r['limit'])} {r['unit']}"
        met = "—" if not r["target"] else ("yes" if r["ok"] else "**no**")
        if r["target"]:
            target = f"≥ {r['target']}"
        else:  # a measured limit itself, or a comparison shown for information
            target = "(limit)" if r["limit"] is None else "(information)"
        lines.append(f"| `{r['name']}` | {number(r['value'])} {r['unit']} | {limit} | {r['ratio']:.3f} | "
                     f"{target} | {met} |")
    return "\n".join(lines + growth(results))


def growth(results: list[dict]) -> list[str]:
    """Each scale figure at 100,000 next to the same figure at 1,000,000 events, per database."""
    by_name = {r["name"]: r for r in results}
    rows = []
    for name, small in by_name.items():
        if ".100k." not in name:
            continue
        large = by_name.get(name.replace(".100k.", ".1000k."))
        if large is None:
            continue
        factor = large["value"] / small["value"] if small["value"] else float("nan")
        rows.append(f"| `{name.replace('.100k.', '.')}` | {number(small['value'])} {small['unit']} | "
                    f"{number(large['value'])} {large['unit']} | × {factor:.2f} |")
    if not rows:
        return []
    return ["", "How each figure grows from 100,000 to 1,000,000 events (same run):", "",
            "| Figure | 100,000 events | 1,000,000 events | Growth |", "|---|---|---|---|", *rows]


def write(results: list[dict], quick: bool, seconds: float, document: Path = DOCUMENT) -> None:
    start, end = markers(quick)
    text = document.read_text(encoding="utf-8")
    block = f"{start}\n{render(results, quick, seconds)}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    document.write_text(text, encoding="utf-8")
