"""The benchmark run writes its table into the performance document, each mode in its own block."""
from bench import table

FULL = [{"name": "rebuild.rate", "value": 150000.0, "unit": "events/s", "limit": 100000.0, "ratio": 1.5,
         "target": 1.0, "ok": True}]
QUICK = [{"name": "http.post_events", "value": 600.0, "unit": "req/s", "limit": 4000.0, "ratio": 0.15,
          "target": 0.2, "ok": False}]


def test_a_quick_run_keeps_the_full_runs_table_and_the_handwritten_text(tmp_path):
    document = tmp_path / "performance.md"
    document.write_text("# Performance\n\nWritten by hand.\n", encoding="utf-8")
    table.write(FULL, quick=False, seconds=400, document=document)
    table.write(QUICK, quick=True, seconds=90, document=document)
    table.write(QUICK, quick=True, seconds=80, document=document)  # replaces its own block, not appended again
    text = document.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nWritten by hand.\n")
    assert text.count("<!-- bench:quick:start -->") == 1 and "1.3 min" in text and "1.5 min" not in text
    assert "| `rebuild.rate` | 150,000 events/s | 100,000 events/s | 1.500 | ≥ 1.0 | yes |" in text
    assert "| `http.post_events` | 600 req/s | 4,000 req/s | 0.150 | ≥ 0.2 | **no** |" in text


def test_a_full_run_shows_how_each_figure_grows_to_a_million_events(tmp_path):
    document = tmp_path / "performance.md"
    document.write_text("# Performance\n", encoding="utf-8")
    sizes = [{"name": f"scale.sqlite.{k}.report.nigs", "value": v, "unit": "s", "limit": 1.0, "ratio": 1 / v,
              "target": 1.0, "ok": True} for k, v in (("100k", 0.05), ("1000k", 0.6))]
    table.write(sizes, quick=False, seconds=400, document=document)
    assert "| `scale.sqlite.report.nigs` | 0.050 s | 0.600 s | × 12.00 |" in document.read_text(encoding="utf-8")
