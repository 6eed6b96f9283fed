"""Use cases: one function per command or question, one transaction per command."""
