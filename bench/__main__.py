"""`make bench` / `python -m bench [--quick]`: run every benchmark, write bench/results.json and the table in
docs/performance.md."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import time

from bench import table
from bench.common import RESULTS

MODULES = ["bench.append", "bench.rebuild", "bench.graph", "bench.http", "bench.memory", "bench.evidence",
           "bench.as_of", "bench.scale"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a check in minutes")
    parser.add_argument("--only", action="append", help="run only these modules (e.g. bench.append)")
    args = parser.parse_args()
    results = []
    began = time.perf_counter()
    for name in args.only or MODULES:
        started = time.perf_counter()
        module_results = importlib.import_module(name).run(quick=args.quick)
        for r in module_results:
            print(f"{r['name']:<40} {r['value']:>14,.1f} {r['unit']:<10} ratio {r['ratio']:>8.3f} "
                  f"(doel {r['target']}) {'ok' if r['ok'] else 'NIET GEHAALD'}")
        print(f"  [{name}: {time.perf_counter() - started:.1f} s]")
        results += module_results
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    if not args.only:  # a partial run would leave the table half-empty
        table.write(results, args.quick, time.perf_counter() - began)
    print(f"Resultaten in {RESULTS} en de tabel in {table.DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
