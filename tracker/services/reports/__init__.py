"""The published tables as pure functions of a snapshot of the event log (items and facts as of a date)."""
