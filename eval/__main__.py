"""Run every quality measurement with its peers, print the table, write docs/quality.md.

    .venv/bin/python -m eval            # all stages (about 8 minutes)
    .venv/bin/python -m eval --only html_metadata --no-write

Peers come from the ``eval`` optional dependencies (``pip install -e '.[eval]'``); a peer that
is not installed is shown as "not installed" and the run goes on.
"""

from __future__ import annotations

import argparse
import importlib
import time
import warnings
from datetime import date

from eval.common import REPO, Row

STAGES = ("html_extraction", "html_metadata", "ner_conll", "reuters_facets", "quotes_polnear",
          "ranking_time")
DOC = REPO / "docs" / "quality.md"
NOTES = REPO / "eval" / "notes.md"


def _fmt(value: float | None) -> str:
    return "not installed" if value is None else f"{value:.3f}"


def table(rows: list[Row]) -> str:
    """The Markdown table: stage, data, metric, ours, peers, target, holds."""
    lines = ["| stage | data | metric | ours | peers (same run) | target | holds |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        peers = "; ".join(f"{k} {_fmt(v)}" for k, v in r.peers.items()) or "-"
        target = f">= {r.target:g}" if r.target is not None else "-"
        holds = "-" if r.holds is None else "yes"
        if r.holds is False:
            holds = f"**no** ({r.ours - r.target:+.3f})"
        lines.append(f"| {r.stage} | {r.data} | {r.metric} | **{r.ours:.3f}** | {peers} | "
                     f"{target} | {holds} |")
    details = [f"- {r.stage} ({r.metric}): {r.note}" for r in rows if r.note]
    return "\n".join(lines + [""] + details)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=STAGES)
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    rows: list[Row] = []
    for name in args.only or STAGES:
        t0 = time.perf_counter()
        stage_rows = importlib.import_module(f"eval.{name}").measure()
        print(f"{name}: {time.perf_counter() - t0:.0f}s", flush=True)
        rows.extend(stage_rows)
    text = table(rows)
    print(text)
    if not args.no_write and not args.only:
        notes = NOTES.read_text(encoding="utf-8") if NOTES.exists() else ""
        DOC.write_text(
            "# Quality measurements\n\n"
            f"Written by `.venv/bin/python -m eval` on {date.today().isoformat()}: every figure, "
            "ours and the peers', comes from that one run against `../shared/data/`. Sets marked "
            "*measure only* were run for the figure and never used for tuning.\n\n"
            + text + "\n\n" + notes,
            encoding="utf-8",
        )
        print(f"wrote {DOC.relative_to(REPO)}")


if __name__ == "__main__":
    main()
