# language: nl
Functionaliteit: Onvolkomenheden Algemene Rekenkamer en hun aanbevelingen
  Als eigenaar van een verbeterprogramma
  wil ik de opvolging van aanbevelingen vastleggen
  zodat de Bestuursraad ziet hoeveel aanbevelingen zijn opgevolgd, naast het oordeel van de Rekenkamer

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen

  Scenario: De voortgang van Beveiliging Militaire Objecten
    Dan toont "beveiliging-militaire-objecten" de voortgang "10 van 12 aanbevelingen opgevolgd"

  Scenario: De elfde aanbeveling wordt opgevolgd
    Gegeven aanbeveling "beveiliging-militaire-objecten-a11" staat op "in_uitvoering" met versie 2
    Als ik "opgevolgd" vastleg op "beveiliging-militaire-objecten-a11" met toelichting "Eigenaarschap belegd" uitgaande van versie 2
    Dan toont "beveiliging-militaire-objecten" de voortgang "11 van 12 aanbevelingen opgevolgd"
    En toont het rapport "onvolkomenheden" op peildatum 2025-12-31 bij "Beveiliging Militaire Objecten" de status "10 (van 12) aanbevelingen opgevolgd**"
    En toont het rapport "onvolkomenheden" van vandaag bij "Beveiliging Militaire Objecten" de status "11 (van 12) aanbevelingen opgevolgd**"

  Scenario: De Rekenkamer stuurt een opvolging terug
    Als de Rekenkamer "cryptobeheer-a2" terugstuurt met reden "Instructies nog niet vastgesteld"
    Dan staat "cryptobeheer-a2" op "in_uitvoering" met versie 4
    En toont "cryptobeheer" de voortgang "2 van 3 aanbevelingen opgevolgd"

  Scenario: Alle aanbevelingen opgevolgd is nog niet opgelost
    Dan toont "cryptobeheer" de voortgang "3 van 3 aanbevelingen opgevolgd"
    En staat onvolkomenheid "Cryptobeheer" volgens de Rekenkamer nog open

  Scenario: De gepubliceerde tabel wordt gereproduceerd
    Dan geeft het rapport "onvolkomenheden" op peildatum 2025-12-31 deze tabel:
      | Onvolkomenheid                 | Plan van Aanpak | Uitvoering Maatregelen | Status                                 | Gereed |
      | Inkoop                         | 2022*           | 2018-2025              | 3 (van 3) aanbevelingen opgevolgd      | 2025   |
      | Vastgoedbeheer                 | 2022*           | 2019-2025              | 3 (van 3) aanbevelingen opgevolgd      | 2025   |
      | Autorisatiebeheer              | 2022*           | 2020-2026              | 1 (van 2) aanbevelingen opgevolgd      | 2026   |
      | Beveiliging Militaire Objecten | Q2 2025         | 2025-2027              | 10 (van 12) aanbevelingen opgevolgd**  | 2027   |
      | Munitiebeheer                  | Q3 2025         | 2025-2027              | 9 (van 10) aanbevelingen opgevolgd**   | 2027   |
      | Cryptobeheer                   | Q4 2024         | 2024-2026              | 3 (van 3) aanbevelingen opgevolgd      | 2026   |
      | Inventarisatieproces           | Q2 2025         | 2025-2027              | 5 (van 5) aanbevelingen opgevolgd      | 2027   |

  Scenario: De verschuiving bij Autorisatiebeheer blijft zichtbaar in de tijd
    Dan geeft het rapport "onvolkomenheden" op peildatum 2024-12-31 bij "Autorisatiebeheer" uitvoering "2020-2025" en gereed "2025"
    En geeft het rapport "onvolkomenheden" op peildatum 2025-12-31 bij "Autorisatiebeheer" uitvoering "2020-2026" en gereed "2026"
