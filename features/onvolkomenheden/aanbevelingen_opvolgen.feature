# language: nl
Functionaliteit: Onvolkomenheden Algemene Rekenkamer en hun aanbevelingen
  Als Bestuursraad
  wil ik per onvolkomenheid zien hoeveel aanbevelingen zijn opgevolgd, naast het oordeel van de Rekenkamer
  zodat de tabel in de Stand van Defensie volgt uit wat de eigenaren hebben vastgelegd

  "Opgevolgd" in de tabel telt wat de eigenaar als opgevolgd meldde en wat een auditor daarna verifieerde.
  Alle aanbevelingen opgevolgd betekent nog niet dat de onvolkomenheid is opgelost: dat zegt alleen de Rekenkamer.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: De gepubliceerde tabel wordt gereproduceerd
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan geeft het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 deze tabel:
      | Onvolkomenheid                 | Plan van Aanpak | Uitvoering Maatregelen | Status                                | Gereed |
      | Inkoop                         | 2022*           | 2018-2025              | 3 (van 3) aanbevelingen opgevolgd     | 2025   |
      | Vastgoedbeheer                 | 2022*           | 2019-2025              | 3 (van 3) aanbevelingen opgevolgd     | 2025   |
      | Autorisatiebeheer              | 2022*           | 2020-2026              | 1 (van 2) aanbevelingen opgevolgd     | 2026   |
      | Beveiliging Militaire Objecten | Q2 2025         | 2025-2027              | 10 (van 12) aanbevelingen opgevolgd** | 2027   |
      | Munitiebeheer                  | Q3 2025         | 2025-2027              | 9 (van 10) aanbevelingen opgevolgd**  | 2027   |
      | Cryptobeheer                   | Q4 2024         | 2024-2026              | 3 (van 3) aanbevelingen opgevolgd     | 2026   |
      | Inventarisatieproces           | Q2 2025         | 2025-2027              | 5 (van 5) aanbevelingen opgevolgd     | 2027   |
    En meldt het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 "De (herziene) plannen van aanpak zijn op 22 september 2022 aan de Bestuursraad gepresenteerd."
    En meldt het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 "Beveiliging Militaire Objecten is een ernstige onvolkomenheid."

  Scenario: Eind 2021 waren er drie onvolkomenheden en nog geen aanbeveling opgevolgd
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan geeft het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2021 deze tabel:
      | Onvolkomenheid    | Plan van Aanpak | Uitvoering Maatregelen | Status                            | Gereed |
      | Inkoop            |                 |                        | 0 (van 3) aanbevelingen opgevolgd |        |
      | Vastgoedbeheer    |                 |                        | 0 (van 3) aanbevelingen opgevolgd |        |
      | Autorisatiebeheer |                 |                        | 0 (van 2) aanbevelingen opgevolgd |        |

  Scenario: De elfde aanbeveling van Beveiliging Militaire Objecten wordt opgevolgd
    Gegeven ik ben aangemeld als eigenaar van "Beveiliging Militaire Objecten"
    En "aanbeveling 11 van Beveiliging Militaire Objecten" staat op "in uitvoering"
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" als "opgevolgd" meld met toelichting "Aanpassingen opgenomen in de vastgoedprojecten"
    Dan is dat vastgelegd
    En toont "Beveiliging Militaire Objecten" de voortgang "11 van 12 aanbevelingen opgevolgd"
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 bij "Beveiliging Militaire Objecten" de status "10 (van 12) aanbevelingen opgevolgd**"
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" van vandaag bij "Beveiliging Militaire Objecten" de status "11 (van 12) aanbevelingen opgevolgd**"

  Scenario: Een auditor stuurt een opvolging terug
    Gegeven ik ben aangemeld als auditor
    Als ik "aanbeveling 2 van Cryptobeheer" terugstuur met reden "Instructies nog niet vastgesteld"
    Dan is dat vastgelegd
    En staat "aanbeveling 2 van Cryptobeheer" op "in uitvoering"
    En toont "Cryptobeheer" de voortgang "2 van 3 aanbevelingen opgevolgd"

  Scenario: Een aanbeveling die niet wordt overgenomen, staat in de status
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik "aanbeveling 10 van Munitiebeheer" als "niet overgenomen" meld met toelichting "Periodieke tellingen vervangen door de doorlopende registratie in RYLAP"
    Dan is dat vastgelegd
    En staat "aanbeveling 10 van Munitiebeheer" op "niet overgenomen"
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" van vandaag bij "Munitiebeheer" de status "9 (van 10) aanbevelingen opgevolgd, 1 niet overgenomen**"
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 bij "Munitiebeheer" de status "9 (van 10) aanbevelingen opgevolgd**"

  Scenario: Niet overnemen vraagt een toelichting
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik "aanbeveling 10 van Munitiebeheer" als "niet overgenomen" meld
    Dan wordt dat geweigerd met de melding "verplicht: toelichting"
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" van vandaag bij "Munitiebeheer" de status "9 (van 10) aanbevelingen opgevolgd**"

  Scenario: Alle aanbevelingen opgevolgd is nog niet opgelost
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan toont "Cryptobeheer" de voortgang "3 van 3 aanbevelingen opgevolgd"
    En is "Cryptobeheer" volgens de Algemene Rekenkamer nog niet opgelost

  Scenario: De verschuiving bij Autorisatiebeheer blijft zichtbaar in de tijd
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan staat in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2024 bij "Autorisatiebeheer" onder "Uitvoering Maatregelen" "2020-2025"
    En staat in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2024 bij "Autorisatiebeheer" onder "Gereed" "2025"
    En staat in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 bij "Autorisatiebeheer" onder "Uitvoering Maatregelen" "2020-2026"
    En staat in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 bij "Autorisatiebeheer" onder "Gereed" "2026"
