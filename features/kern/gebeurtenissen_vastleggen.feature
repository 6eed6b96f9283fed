# language: nl
Functionaliteit: Een statuswijziging vastleggen
  Als eigenaar van een verbeterprogramma
  wil ik elke statuswijziging vastleggen zoals de werkwijze die toestaat
  zodat de voortgang altijd volgt uit wat er is vastgelegd en niemand andermans wijziging overschrijft

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026
    En ik ben aangemeld als eigenaar van "Munitiebeheer"
    En "aanbeveling 10 van Munitiebeheer" staat op "in uitvoering"

  Scenario: Een eigenaar meldt een aanbeveling als opgevolgd
    Als ik "aanbeveling 10 van Munitiebeheer" als "opgevolgd" meld met toelichting "RYLAP landelijk uitgerold"
    Dan is dat vastgelegd
    En staat "aanbeveling 10 van Munitiebeheer" op "opgevolgd"
    En toont "Munitiebeheer" de voortgang "10 van 10 aanbevelingen opgevolgd"
    En staat bovenaan de tijdlijn van "aanbeveling 10 van Munitiebeheer" "Opgevolgd melden" door mij met toelichting "RYLAP landelijk uitgerold"

  Scenario: Wat de werkwijze niet toestaat, wordt geweigerd met uitleg
    Gegeven ik ben aangemeld als auditor
    Als ik "aanbeveling 10 van Munitiebeheer" verifieer
    Dan wordt dat geweigerd met de melding "'Aanbeveling 10: Borg periodieke tellingen van munitievoorraden.' staat op 'in uitvoering'; 'Verifiëren (Rekenkamer)' is daar niet toegestaan"
    En noemt de melding wat wel kan: "'Opgevolgd melden' (→ opgevolgd)"
    En noemt de melding geen sleutels of gebeurtenistypen
    En staat "aanbeveling 10 van Munitiebeheer" nog op "in uitvoering"

  Scenario: Opvolgen zonder toelichting wordt geweigerd
    Als ik "aanbeveling 10 van Munitiebeheer" als "opgevolgd" meld
    Dan wordt dat geweigerd met de melding "verplicht: toelichting"
    En staat "aanbeveling 10 van Munitiebeheer" nog op "in uitvoering"
    En toont "Munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"

  Scenario: Wie van een verouderde pagina vastlegt, ziet wie het intussen wijzigde
    Gegeven ik heb de pagina van "aanbeveling 10 van Munitiebeheer" geopend
    En een collega heeft intussen een opmerking geplaatst bij "aanbeveling 10 van Munitiebeheer"
    Als ik op die pagina "Opgevolgd melden" verstuur met toelichting "RYLAP landelijk uitgerold"
    Dan zie ik dat "aanbeveling 10 van Munitiebeheer" intussen is gewijzigd door mijn collega
    En staat mijn toelichting "RYLAP landelijk uitgerold" nog in het formulier
    En staat "aanbeveling 10 van Munitiebeheer" nog op "in uitvoering"
    En toont "Munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"

  Abstract Scenario: De stand op een eerdere peildatum
    Dan toont "<onvolkomenheid>" op peildatum <peildatum> de voortgang "<voortgang>"

    Voorbeelden:
      | onvolkomenheid | peildatum        | voortgang                        |
      | Inkoop         | 31 december 2023 | 1 van 3 aanbevelingen opgevolgd  |
      | Inkoop         | 31 december 2024 | 2 van 3 aanbevelingen opgevolgd  |
      | Vastgoedbeheer | 31 maart 2024    | 1 van 3 aanbevelingen opgevolgd  |
      | Vastgoedbeheer | 30 juni 2024     | 0 van 3 aanbevelingen opgevolgd  |
      | Munitiebeheer  | 31 december 2025 | 9 van 10 aanbevelingen opgevolgd |
