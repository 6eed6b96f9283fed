"""The roles an account can hold. Each duty is a role of its own: who claims, who verifies a claim, who records
the Rekenkamer's published verdict, who judges IT projects."""

LEZER = "lezer"  # reads everything: the Bestuursraad
EIGENAAR = "eigenaar"  # records the ministry's claims within a scope
AUDITOR = "auditor"  # verifies a claimed follow-up, or sends it back
REKENKAMER = "rekenkamer"  # records the Algemene Rekenkamer's published verdict per VO year
CIO = "cio"  # CIO opinions, and accepting or rejecting conditions
BEHEERDER = "beheerder"  # accounts, dependencies, fixing peildata; anything else only as such

ROLES = (LEZER, EIGENAAR, AUDITOR, REKENKAMER, CIO, BEHEERDER)
WRITE_ROLES = (EIGENAAR, AUDITOR, REKENKAMER, CIO, BEHEERDER)
