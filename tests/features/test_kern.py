"""Features of the workflow engine (features/kern)."""
from pytest_bdd import scenarios

scenarios("kern")
