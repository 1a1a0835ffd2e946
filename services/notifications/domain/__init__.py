"""Pure rules of the notifications service."""
