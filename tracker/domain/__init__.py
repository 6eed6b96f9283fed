"""The pure domain: workflows, item state, rules and projections. Standard library and networkx only."""
