# language: nl
Functionaliteit: CIO-oordelen over IT-projecten
  Als CIO-office
  wil ik oordelen en voorwaarden per IT-project vastleggen
  zodat een project pas start na een positief oordeel en met vervulde voorwaarden

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen

  Scenario: De gepubliceerde tabel per jaar
    Dan geeft het rapport "cio-oordelen" op peildatum 2025-12-31 deze tabel:
      | CIO-oordelen                           | 2022 | 2023 | 2024 | 2025 |
      | Positief                               | 4    | 5    | 5    | 13   |
      | Negatief                               | 1    | 1    | 3    | 5    |
      | Positief met adviezen                  | 5    | 5    | 0    | 1    |
      | Positief onder voorwaarden             | 19   | 12   | 8    | 7    |
      | Geen oordeel afgegeven/uitstel oordeel | 0    | 1    | 1    | 4    |
      | Totaal                                 | 29   | 24   | 17   | 30   |

  Scenario: Afgeleide cijfers uit dezelfde gebeurtenissen
    Dan meldt het rapport "cio-oordelen" op peildatum 2025-12-31 "In de periode 2023 tot en met 2025 zijn 71 CIO-oordelen afgegeven; in 9 gevallen was het oordeel negatief"
    En meldt het rapport "cio-bevindingen" op peildatum 2025-12-31 "30% onzekerheden rondom de beschikbare personele capaciteit"
    En geeft het rapport "cio-levering" op peildatum 2025-12-31 deze tabel:
      |                                                    | 2022 | 2023 | 2024 | 2025 |
      | % geprioriteerde projecten geleverd binnen de tijd | 5%   | 2%   | 31%  | 79%  |

  Scenario: Een negatief oordeel blokkeert de start
    Gegeven een IT-project met een negatief CIO-oordeel
    Als de eigenaar het project start
    Dan wordt de gebeurtenis geweigerd met de melding "staat op 'negatief oordeel'; 'gestart' is daar niet toegestaan"
    En noemt de melding de toegestane overgang "opnieuw_ingediend (→ aangemeld voor CIO-oordeel)"

  Scenario: Na opnieuw indienen en een positief oordeel mag het project starten
    Gegeven een IT-project met een negatief CIO-oordeel
    Als de eigenaar het project opnieuw indient met toelichting "Planning herzien"
    En de CIO het project positief beoordeelt
    En de eigenaar het project start
    Dan staat het project op "gestart"

  Scenario: Een project met onvervulde voorwaarden kan niet starten
    Gegeven een IT-project positief onder voorwaarden met een open voorwaarde
    Als de eigenaar het project start
    Dan wordt de gebeurtenis geweigerd met de melding "nog niet alle voorwaarden zijn afgerond"
    En noemt de melding de open voorwaarde
    Als de eigenaar alle open voorwaarden vervuld meldt
    En de eigenaar het project start
    Dan staat het project op "gestart"
