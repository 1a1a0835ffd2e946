"""Background work started by main's lifespan: bus consumers, sweepers, schedulers, senders."""
