"""Running a service's app with uvicorn: `python -m services.<name>`."""

import os
import shutil
import tempfile

import uvicorn

from shared.logs import log_config
from shared.settings import ServiceSettings


def serve(factory_path: str, settings: ServiceSettings, *, workers: int = 1) -> None:
    """Serve `module:create_app` (a factory, so that each worker builds its own app)."""
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
            log_config=log_config(
                service=settings.service_name,
                format=settings.log_format,
                level=settings.log_level,
            ),
            # Our own request log names route templates; uvicorn's would print signed links.
            access_log=False,
            proxy_headers=True,
            forwarded_allow_ips=settings.forwarded_allow_ips,
        )
    finally:
        if shared_metrics:
            shutil.rmtree(os.environ.pop("PROMETHEUS_MULTIPROC_DIR"), ignore_errors=True)
