"""Storage: tables, engine set-up and the queries behind the event store and projections."""
