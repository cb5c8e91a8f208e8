"""Lighthouse on every built page of the site, desktop and mobile: ``make audit``.

Serves the built HTML on a local port and runs the pinned ``lighthouse`` (from
package.json) with Debian's Chromium (``CHROME_PATH``, default
/usr/bin/chromium), the desktop preset and the default mobile one. Prints one
line per page and preset and exits non-zero unless accessibility, best
practices and SEO are 1.00 and performance is at least 0.95 everywhere.

    python audit/lighthouse.py _build/html [--runs 3] [--json report-dir] [--page index.html ...]

``make audit AUDIT_ARGS="--runs 1 --page index.html"`` measures one page once.

Performance varies from run to run; each page is measured ``--runs`` times and
the median counts. The other categories are the same on every run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, audited_pages, serve  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
#: The least score each category may have.
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
PRESETS = ["desktop", "mobile"]


def run(url: str, preset: str, report: Path) -> dict[str, float]:
    """One Lighthouse run: the score of each category (0 to 1)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    subprocess.run(command, check=True, env=env, timeout=300)
    data = json.loads(report.read_text("utf-8"))
    failed = [
        audit["id"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    if failed:
        print(f"    failed audits: {', '.join(sorted(failed))}", file=sys.stderr)
    return {c: data["categories"][c]["score"] for c in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built HTML directory (_build/html)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and preset (median)")
    parser.add_argument("--json", type=Path, help="keep Lighthouse's JSON reports here")
    parser.add_argument(
        "--page", action="append", help="only this page (relative to site; repeatable)"
    )
    args = parser.parse_args()
    for tool in (LIGHTHOUSE, Path(os.environ.get("CHROME_PATH", CHROMIUM))):
        if not tool.is_file():
            print(f"error: {tool} not found (make node_modules; Debian: chromium)", file=sys.stderr)
            return 2
    reports = args.json or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    ok = True
    print(f"{'page':<40} {'preset':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES))
    with serve(args.site) as base:
        for page in args.page or audited_pages(args.site):
            for preset in PRESETS:
                runs = []
                for number in range(args.runs):
                    name = f"{page.replace('/', '_')}-{preset}-{number}.json"
                    runs.append(run(base + page, preset, reports / name))
                scores = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
                low = [c for c in CATEGORIES if scores[c] < TARGETS[c]]
                ok = ok and not low
                cells = " ".join(f"{scores[c]:>14.2f}" for c in CATEGORIES)
                print(f"{page:<40} {preset:<8} {cells}" + (f"  below target: {low}" if low else ""))
    print(f"reports: {reports}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
