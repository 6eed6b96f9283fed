"""The roles an account can hold."""

LEZER = "lezer"  # reads everything: the Bestuursraad
EIGENAAR = "eigenaar"  # records owner events within a scope
AUDITOR = "auditor"  # auditor verdicts, verifying or sending back a claim
CIO = "cio"  # CIO opinions
BEHEERDER = "beheerder"  # accounts, dependencies, anything

ROLES = (LEZER, EIGENAAR, AUDITOR, CIO, BEHEERDER)
WRITE_ROLES = (EIGENAAR, AUDITOR, CIO, BEHEERDER)
