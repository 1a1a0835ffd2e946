"""Running a service's app with uvicorn: `python -m services.<name>`."""

import importlib.util
import logging
import logging.config
import os
import shutil
import sys
import tempfile
from typing import Any

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
    options: dict[str, Any] = {
        "factory": True,
        "host": settings.host,
        "port": settings.port,
        "timeout_keep_alive": settings.keep_alive_seconds,
        "log_config": logging_config,
        # Our own request log names route templates; uvicorn's would print signed links.
        "access_log": False,
        # No route speaks WebSocket: none of the websockets library in memory (~1 MiB).
        "ws": "none",
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
    }
    try:
        if workers == 1:
            serve_one_process(factory_path, options)
        else:
            import uvicorn

            uvicorn.run(factory_path, workers=workers, **options)
    finally:
        if shared_metrics:
            shutil.rmtree(os.environ.pop("PROMETHEUS_MULTIPROC_DIR"), ignore_errors=True)


def serve_one_process(factory_path: str, options: dict[str, Any]) -> None:
    """What uvicorn.run does for one worker, with uvicorn's Config and Server alone: its
    package's __init__ imports uvicorn.main, which loads click (its command line), watchfiles
    (its reloader) and multiprocessing (its workers), ~2 MiB that one process never uses."""
    if "uvicorn" not in sys.modules:
        spec = importlib.util.find_spec("uvicorn")
        if spec is None:
            raise ModuleNotFoundError("uvicorn")
        # The package without running its __init__: its submodules import as usual.
        sys.modules["uvicorn"] = importlib.util.module_from_spec(spec)
    from uvicorn.config import Config
    from uvicorn.server import Server

    # uvicorn.lifespan imports Config from the package.
    vars(sys.modules["uvicorn"]).update(Config=Config, Server=Server)
    config = Config(factory_path, **options)
    config.load_app()
    server = Server(config=config)
    server.run()
    if not server.started:
        sys.exit(3)  # uvicorn's STARTUP_FAILURE, as uvicorn.run exits
