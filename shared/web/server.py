"""Running a service's app with uvicorn: `python -m services.<name>`."""

import logging
import logging.config
import os
import shutil
import tempfile

import uvicorn

from shared.logs import log_config
from shared.settings import ServiceSettings

log = logging.getLogger(__name__)


def serve(factory_path: str, settings: ServiceSettings) -> None:
    """Serve `module:create_app` (a factory, so that each worker builds its own app) in
    `settings.processes()` processes: one on SQLite, WORKERS on PostgreSQL."""
    workers = settings.processes()
    logging_config = log_config(
        service=settings.service_name, format=settings.log_format, level=settings.log_level
    )
    if workers < settings.workers:
        logging.config.dictConfig(logging_config)
        log.warning(
            "WORKERS=%d ignored: on SQLite one process serves (a second adds no throughput, "
            "only waiting); use PostgreSQL (DATABASE_URL) for more processes",
            settings.workers,
            extra={"workers": settings.workers, "processes": workers},
        )
    shared_metrics = workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if shared_metrics:
        # Before the workers start: each writes its counts there, any of them sums them all.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="convegni-metrics-")
    try:
        uvicorn.run(
            factory_path,
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            timeout_keep_alive=settings.keep_alive_seconds,
            log_config=logging_config,
            # Our own request log names route templates; uvicorn's would print signed links.
            access_log=False,
            # No route speaks WebSocket: none of the websockets library in memory (~1 MiB).
            ws="none",
            proxy_headers=True,
            forwarded_allow_ips=settings.forwarded_allow_ips,
        )
    finally:
        if shared_metrics:
            shutil.rmtree(os.environ.pop("PROMETHEUS_MULTIPROC_DIR"), ignore_errors=True)
