"""Static files: Bootstrap Italia from npm (installed at setup, never a CDN) and our own CSS."""

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

log = logging.getLogger(__name__)

OWN_STATIC = Path(__file__).parent / "static"


def mount_assets(app: FastAPI, assets_dir: str) -> None:
    """Serve /static/bi from the Bootstrap Italia dist folder and /static/site from ours."""
    app.mount("/static/site", StaticFiles(directory=OWN_STATIC), name="site-static")
    dist = Path(assets_dir)
    if dist.is_dir():
        app.mount("/static/bi", StaticFiles(directory=dist), name="bootstrap-italia")
    else:
        # Pages stay usable without the kit: plain HTML with our small stylesheet.
        log.warning("Bootstrap Italia not found at %s; run the setup (npm install)", dist)
