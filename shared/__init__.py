"""Code the three services share: contracts, bus, outbox and inbox, storage, settings, web base."""
