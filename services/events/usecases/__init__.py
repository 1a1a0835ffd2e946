"""Use cases of the events service: one function, one transaction, explicit session."""
