"""Running a service's app with uvicorn: `python -m services.<name>`."""

import logging

import uvicorn

from shared.settings import ServiceSettings


def serve(factory_path: str, settings: ServiceSettings, *, workers: int = 1) -> None:
    """Serve `module:create_app` (a factory, so that each worker builds its own app)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    uvicorn.run(
        factory_path,
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=workers,
        log_level="info",
        access_log=settings.access_log,
        proxy_headers=True,
    )
