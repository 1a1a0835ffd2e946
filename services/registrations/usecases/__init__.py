"""Use cases of the registrations service: one function, one transaction, explicit session."""
