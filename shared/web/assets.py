"""Static files from npm (installed at setup, never a CDN): Bootstrap Italia, Chart.js for the
organizers' dashboard, and our own CSS and scripts."""

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

log = logging.getLogger(__name__)

OWN_STATIC = Path(__file__).parent / "static"


def mount_assets(app: FastAPI, assets_dir: str, charts_dir: str) -> None:
    """Serve /static/bi from the Bootstrap Italia dist folder, /static/charts from Chart.js's
    and /static/site from ours."""
    app.mount("/static/site", StaticFiles(directory=OWN_STATIC), name="site-static")
    for path, folder, name in (
        ("/static/bi", assets_dir, "bootstrap-italia"),
        ("/static/charts", charts_dir, "chart.js"),
    ):
        dist = Path(folder)
        if dist.is_dir():
            app.mount(path, StaticFiles(directory=dist), name=name)
        else:
            # Pages stay usable without it: plain HTML with our small stylesheet, tables
            # instead of charts.
            log.warning("%s not found at %s; run the setup (npm ci)", name, dist)
