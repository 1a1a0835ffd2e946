"""The convegni services: events, registrations, notifications, one process and one database
each; and cli, the organizers' command line (`convegni`), which talks to them over HTTP."""

import sys

# FastAPI asks of every route's models whether they are pydantic 1 models (`from pydantic
# import v1`), which loads the whole pydantic 1 package (~1.5 MB in each service, for good)
# only to answer no: nothing here is one. Marked absent, the import fails and the answer is
# no at once. setdefault: a process that has loaded it already keeps it.
sys.modules.setdefault("pydantic.v1", None)  # type: ignore[arg-type]
