"""One function, one unit of work: load, decide by the domain's rules, stage facts in the
outbox, commit. Keyword-only arguments; only use cases commit."""
