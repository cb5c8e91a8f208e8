"""Debian's Chromium driven through Selenium, for the audits of the built web page.

Nothing here downloads a browser or a driver: Chromium and ChromeDriver are the
Debian packages (``.ci/run`` installs them), axe-core and the Nu HTML checker
come from ``package.json`` (``make node_modules``), Java is Debian's. A missing
tool skips the tests with the reason, except in CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "node_modules"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: The pages Sphinx makes for itself, not part of the CV.
NOT_AUDITED = {"search.html", "genindex.html"}


def missing_tools(*, axe: bool = False, vnu: bool = False, browser: bool = True) -> list[str]:
    missing = []
    if browser:
        missing += [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    if axe and not AXE.is_file():
        missing.append(f"{AXE.relative_to(REPO)} (make node_modules)")
    if vnu:
        if not VNU.is_file():
            missing.append(f"{VNU.relative_to(REPO)} (make node_modules)")
        if shutil.which("java") is None:
            missing.append("java (Debian: default-jre-headless)")
    return missing


def require(missing: list[str]) -> None:
    """Skip (or, in CI, fail) when a tool the test needs is not installed."""
    if not missing:
        return
    message = "not installed: " + ", ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(f"CI runs the browser audits, but {message}")
    pytest.skip(message)


def audited_pages(outdir: Path) -> list[str]:
    """Every built HTML page of the site, as a path relative to *outdir*."""
    return sorted(
        p.relative_to(outdir).as_posix()
        for p in outdir.rglob("*.html")
        if p.name not in NOT_AUDITED and not p.relative_to(outdir).parts[0].startswith("_")
    )


def vnu_problems(pages: list[str]) -> list[str]:
    """What the Nu HTML checker reports on *pages*: errors and warnings, one line each."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m.get('type')}"
        f"/{m.get('subType', '')}: {m.get('message')}"
        for m in messages
        if m.get("type") != "info" or m.get("subType") == "warning"
    ]


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on a free local port; yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium session (Selenium's ``WebDriver``)."""
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not fetch anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--window-size=1280,900")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def set_view(driver: Any, *, width: int, dark: bool) -> None:
    """Emulate a viewport *width* (a phone at 390 px) and the system colour scheme."""
    mobile = width < 600
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": width,
            "height": 844 if mobile else 900,
            "deviceScaleFactor": 1,
            "mobile": mobile,
        },
    )
    scheme = "dark" if dark else "light"
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )


def run_axe(driver: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page (all WCAG 2.x A/AA rules and best practices)."""
    driver.execute_script(AXE.read_text("utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations),"
        "      e => done([{id: 'axe-error', help: String(e), nodes: []}]));"
    )
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n.get("target", []))) for n in v.get("nodes", [])][:5]
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} at {targets}")
    return "\n".join(lines)


def print_to_pdf(driver: Any, *, paper: tuple[float, float]) -> bytes:
    """The loaded page printed as Chromium prints it (Ctrl+P, "Save as PDF"), default margins."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    result = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {"paperWidth": paper[0], "paperHeight": paper[1], "printBackground": False},
    )
    return base64.b64decode(result["data"])


def screenshot(driver: Any, path: Path) -> None:
    """A full-page PNG (for looking at, not for asserting)."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))
