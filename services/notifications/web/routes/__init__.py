"""HTTP routes of the notifications service: health and the delivery log for operators."""
