"""`convegni`, the organizers' command line: a client of the organizer API over HTTP (the
site's one origin), installed with the package as a console script. It holds no rules of
its own: the services check, read and refuse; it asks, shows and says why."""
