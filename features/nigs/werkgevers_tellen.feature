# language: nl
Functionaliteit: Iedere decentrale werkgever telt één keer per route
  Als Bestuursraad
  wil ik per NIGS-route zien waar elk van de 194 decentrale werkgevers staat
  zodat niemand dubbel wordt geteld en niemand ontbreekt, ook wie nog niet is begonnen

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Het rapport telt 194 werkgevers per route, ook wie nog niet is begonnen
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan geeft het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" op peildatum 31 december 2025 deze tabel:
      | Route      | Werkgevers | Niet gestart | Inventariseren | Beoordelen | Maatregelen treffen | Borgen | Vier stappen doorlopen |
      | GBS-CMR1   | 194        | 0            | 9              | 5          | 8                   | 14     | 158                    |
      | GBS-overig | 194        | 0            | 31             | 47         | 52                  | 35     | 29                     |
      | PGS        | 194        | 21           | 57             | 51         | 36                  | 17     | 12                     |
    En heeft de meerderheid van de werkgevers voor "GBS-CMR1" de vier stappen doorlopen
    En meldt het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" op peildatum 31 december 2025 "In overweging: Kerosinemotoremissie."

  Scenario: Hoe er geteld wordt, staat onder de tabel
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan staat onder de tabel op de pagina van het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" "Elke werkgever telt één keer per route"
    En staat onder de tabel op de pagina van het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" "als 'niet gestart' zolang het eerste inventariseren niet is begonnen"

  Scenario: Een werkgever die begint, telt niet meer als niet gestart
    Gegeven ik ben aangemeld als eigenaar van "PGS"
    En een decentrale werkgever die op route "PGS" op "niet gestart" staat
    Als ik voor die werkgever "Beginnen met inventariseren" vastleg
    Dan is dat vastgelegd
    En staat die werkgever op route "PGS" op "stap 1: inventariseren"
    En telt het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" van vandaag voor "PGS" één werkgever meer bij "Inventariseren" en één minder bij "Niet gestart"
    En telt het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" van vandaag voor iedere route 194 werkgevers

  Scenario: Een werkgever wordt geen tweede keer op dezelfde route aangemeld
    Gegeven ik ben aangemeld als beheerder
    Als ik "Decentrale werkgever 001" nog een keer aanmeld op route "PGS"
    Dan wordt dat geweigerd met de melding "'Decentrale werkgever 001' heeft hier al een NIGS-traject: 'PGS — werkgever 001'; één per decentrale werkgever."
    En noemt de melding geen sleutels of gebeurtenistypen
    En telt het rapport "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" van vandaag voor iedere route 194 werkgevers
