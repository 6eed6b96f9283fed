# language: nl
Functionaliteit: Nadere Inventarisatie Gevaarlijke Stoffen in vier stappen
  Als decentrale werkgever
  wil ik per NIGS-route de vier stappen van de Arbeidsinspectie op volgorde vastleggen
  zodat Defensie per route ziet hoeveel werkgevers in welke stap zitten

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen

  Scenario: Het rapport telt 194 werkgevers per route
    Dan telt het rapport "nigs" op peildatum 2025-12-31 voor iedere route 194 werkgevers
    En heeft de meerderheid van de werkgevers voor "GBS-CMR1" de vier stappen doorlopen

  Scenario: Een afgeronde stap brengt de werkgever naar de volgende stap
    Gegeven een werkgever op route "nigs-pgs" in stap "inventariseren"
    Als de werkgever "geinventariseerd" vastlegt
    Dan staat de werkgever op "beoordelen"
    En telt het rapport "nigs" van vandaag voor "PGS" 1 werkgever meer in "beoordelen"

  Scenario: Een overgeslagen stap wordt geweigerd
    Gegeven een werkgever op route "nigs-pgs" in stap "inventariseren"
    Als de werkgever "beoordeeld" vastlegt
    Dan wordt de gebeurtenis geweigerd met de melding "Stappen mogen niet worden overgeslagen"
    En staat de werkgever op "inventariseren"

  Scenario: Na borgen begint een nieuwe cyclus
    Gegeven een werkgever op route "nigs-gbs-overig" in stap "borgen"
    Als de werkgever "geborgd" vastlegt
    Dan staat de werkgever op "doorlopen"
    Als de werkgever "nieuwe_cyclus_gestart" vastlegt
    Dan staat de werkgever op "inventariseren" in cyclus 2
