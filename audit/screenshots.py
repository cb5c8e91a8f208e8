"""Pictures of the built site to look at: ``make screenshots``.

For every built page: full-page PNGs in light and dark at 1280 px and 390 px,
and the browser's print of the page (A4) as a PDF and, with poppler's
``pdftoppm``, one PNG per printed page. Written to ``_build/screenshots/``.
Nothing is asserted here; tests/test_browser.py does that.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import (  # noqa: E402
    audited_pages,
    chromium,
    missing_tools,
    print_to_pdf,
    screenshot,
    serve,
    set_view,
)

A4 = (8.27, 11.69)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built HTML directory (_build/html)")
    parser.add_argument("out", type=Path, help="where the pictures go")
    args = parser.parse_args()
    missing = missing_tools()
    if missing:
        print(f"error: not installed: {', '.join(missing)}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(args.site) as base, chromium() as driver:
        for page in audited_pages(args.site):
            stem = page.removesuffix(".html").replace("/", "_")
            for width in (1280, 390):
                for dark in (False, True):
                    set_view(driver, width=width, dark=dark)
                    driver.get(base + page)
                    time.sleep(0.2)  # let furo apply the scheme before the picture
                    name = f"{stem}-{width}px-{'dark' if dark else 'light'}.png"
                    screenshot(driver, args.out / name)
            set_view(driver, width=1280, dark=False)
            driver.get(base + page)
            pdf = args.out / f"{stem}-print-a4.pdf"
            pdf.write_bytes(print_to_pdf(driver, paper=A4))
            if shutil.which("pdftoppm"):
                subprocess.run(
                    ["pdftoppm", "-r", "60", "-png", pdf, pdf.with_suffix("")], check=True
                )
    print(f"pictures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
