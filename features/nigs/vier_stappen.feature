# language: nl
Functionaliteit: Nadere Inventarisatie Gevaarlijke Stoffen in vier stappen
  Als eigenaar van een NIGS-route
  wil ik per decentrale werkgever de vier stappen van de Arbeidsinspectie op volgorde vastleggen
  zodat Defensie per route ziet hoeveel werkgevers in welke stap zitten

  De stappen zijn inventariseren, beoordelen, maatregelen treffen en borgen. Geen stap wordt overgeslagen;
  na borgen begint een nieuwe cyclus.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026
    En ik ben aangemeld als eigenaar van "PGS"

  Scenario: Een afgeronde stap brengt de werkgever naar de volgende stap
    Gegeven een decentrale werkgever die op route "PGS" op "stap 1: inventariseren" staat
    Als ik voor die werkgever "Stap 1 afgerond: geïnventariseerd" vastleg
    Dan is dat vastgelegd
    En staat die werkgever op route "PGS" op "stap 2: beoordelen"
    En telt het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" van vandaag voor "PGS" één werkgever meer bij "Beoordelen" en één minder bij "Inventariseren"

  Scenario: Een overgeslagen stap wordt geweigerd
    Gegeven een decentrale werkgever die op route "PGS" op "stap 1: inventariseren" staat
    Als ik voor die werkgever "Stap 2 afgerond: beoordeeld" vastleg
    Dan wordt dat geweigerd met de melding "Stappen mogen niet worden overgeslagen"
    En staat die werkgever op route "PGS" op "stap 1: inventariseren"

  Scenario: De vier stappen op volgorde, en na borgen een nieuwe cyclus
    Gegeven een decentrale werkgever die op route "PGS" op "niet gestart" staat
    Als ik voor die werkgever "Beginnen met inventariseren" vastleg
    En ik voor die werkgever "Stap 1 afgerond: geïnventariseerd" vastleg
    En ik voor die werkgever "Stap 2 afgerond: beoordeeld" vastleg
    En ik voor die werkgever "Stap 3 afgerond: maatregelen getroffen" vastleg
    En ik voor die werkgever "Stap 4 afgerond: geborgd" vastleg
    Dan is dat vastgelegd
    En staat die werkgever op route "PGS" op "vier stappen doorlopen"
    En telt het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" van vandaag voor "PGS" één werkgever meer bij "Vier stappen doorlopen" en één minder bij "Niet gestart"
    Als ik voor die werkgever "Nieuwe cyclus starten" vastleg
    Dan is dat vastgelegd
    En staat die werkgever op route "PGS" op "stap 1: inventariseren" in cyclus 2
    En telt het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" van vandaag voor "PGS" één werkgever meer bij "Inventariseren" en één minder bij "Niet gestart"
