# language: nl
Functionaliteit: CIO-oordelen over IT-projecten
  Als CIO
  wil ik per IT-project mijn oordeel vastleggen
  zodat een project pas start na een positief oordeel, en de tabel per jaar telt wat ik in dat jaar oordeelde

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: De gepubliceerde tabel per jaar
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan geeft het rapport "CIO-oordelen per jaar (7.1)" op peildatum 31 december 2025 deze tabel:
      | CIO-oordelen                           | 2022 | 2023 | 2024 | 2025 |
      | Positief                               | 4    | 5    | 5    | 13   |
      | Negatief                               | 1    | 1    | 3    | 5    |
      | Positief met adviezen                  | 5    | 5    | 0    | 1    |
      | Positief onder voorwaarden             | 19   | 12   | 8    | 7    |
      | Geen oordeel afgegeven/uitstel oordeel | 0    | 1    | 1    | 4    |
      | Totaal                                 | 29   | 24   | 17   | 30   |

  Scenario: Afgeleide cijfers uit dezelfde oordelen
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan meldt het rapport "CIO-oordelen per jaar (7.1)" op peildatum 31 december 2025 "In de periode 2023 tot en met 2025 zijn 71 CIO-oordelen afgegeven; in 9 gevallen was het oordeel negatief."
    En meldt het rapport "Bevindingen in CIO-oordelen" op peildatum 31 december 2025 "30% onzekerheden rondom de beschikbare personele capaciteit"
    En geeft het rapport "Geprioriteerde projecten binnen de tijd" op peildatum 31 december 2025 deze tabel:
      |                                                    | 2022 | 2023 | 2024 | 2025 |
      | % geprioriteerde projecten geleverd binnen de tijd | 5%   | 2%   | 31%  | 79%  |

  Scenario: Een negatief oordeel blokkeert de start
    Gegeven ik ben aangemeld als eigenaar van "Oefenplanning CZSK"
    En "Oefenplanning CZSK" staat op "negatief oordeel"
    Als ik bij "Oefenplanning CZSK" "Project starten" vastleg
    Dan wordt dat geweigerd met de melding "IT-project 'Oefenplanning CZSK' staat op 'negatief oordeel'; 'Project starten' is daar niet toegestaan"
    En noemt de melding wat wel kan: "'Opnieuw indienen voor oordeel' (→ aangemeld voor CIO-oordeel)"
    En noemt de melding geen sleutels of gebeurtenistypen
    En staat "Oefenplanning CZSK" nog op "negatief oordeel"

  Scenario: Na opnieuw indienen en een positief oordeel met adviezen start het project alsnog
    Gegeven ik ben aangemeld als eigenaar van "Oefenplanning CZSK"
    En meldt het rapport "CIO-oordelen per jaar (7.1)" van vandaag "Na een negatief oordeel kan een project niet starten: 7 daarvan zijn na een nieuw oordeel alsnog gestart, 1 (nog) niet."
    Als ik bij "Oefenplanning CZSK" "Opnieuw indienen voor oordeel" vastleg met toelichting "Planning en capaciteit herzien"
    En ik mij aanmeld als de CIO
    En ik bij "Oefenplanning CZSK" "CIO-oordeel: positief met adviezen" vastleg
    En ik mij aanmeld als eigenaar van "Oefenplanning CZSK"
    En ik bij "Oefenplanning CZSK" "Project starten" vastleg
    Dan is dat vastgelegd
    En staat "Oefenplanning CZSK" op "gestart"
    En geeft het rapport "CIO-oordelen per jaar (7.1)" van vandaag deze tabel:
      | CIO-oordelen                           | 2023 | 2024 | 2025 | 2026 |
      | Positief                               | 5    | 5    | 13   | 0    |
      | Negatief                               | 1    | 3    | 5    | 0    |
      | Positief met adviezen                  | 5    | 0    | 1    | 1    |
      | Positief onder voorwaarden             | 12   | 8    | 7    | 0    |
      | Geen oordeel afgegeven/uitstel oordeel | 1    | 1    | 4    | 0    |
      | Totaal                                 | 24   | 17   | 30   | 1    |
    En meldt het rapport "CIO-oordelen per jaar (7.1)" van vandaag "Na een negatief oordeel kan een project niet starten: 8 daarvan zijn na een nieuw oordeel alsnog gestart, 0 (nog) niet."

  Scenario: Een lopend project opnieuw beoordelen telt in het jaar van dat oordeel
    Gegeven ik ben aangemeld als de CIO
    En "Financiële administratie DOSCO" staat op "gestart"
    Als ik bij "Financiële administratie DOSCO" "CIO-heroordeling: positief" vastleg
    Dan is dat vastgelegd
    En staat "Financiële administratie DOSCO" nog op "gestart"
    En staat in het rapport "CIO-oordelen per jaar (7.1)" van vandaag bij "Positief" onder "2026" "1"
    En staat in het rapport "CIO-oordelen per jaar (7.1)" van vandaag bij "Positief" onder "2025" "13"
    En staat in het rapport "CIO-oordelen per jaar (7.1)" op peildatum 31 december 2025 bij "Totaal" onder "2025" "30"

  Scenario: Alleen de CIO geeft een oordeel
    Gegeven ik ben aangemeld als eigenaar van "Vernieuwing werkplekomgeving COMMIT"
    En ik heb bij "Vernieuwing werkplekomgeving COMMIT" "Opnieuw indienen voor oordeel" vastgelegd met toelichting "Architectuur uitgewerkt"
    Als ik bij "Vernieuwing werkplekomgeving COMMIT" "CIO-oordeel: positief" vastleg
    Dan wordt dat geweigerd met de melding "dit mag alleen de rol CIO"
    En staat "Vernieuwing werkplekomgeving COMMIT" nog op "aangemeld voor CIO-oordeel"
