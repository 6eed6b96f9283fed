# language: nl
Functionaliteit: Gebeurtenissen vastleggen volgens de workflow
  Als eigenaar van een verbeterprogramma
  wil ik elke statuswijziging als gebeurtenis vastleggen
  zodat de voortgang altijd uit de gebeurtenissen volgt en niets verloren gaat

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En aanbeveling "munitiebeheer-a10" staat op "in_uitvoering" met versie 2

  Scenario: Een toegestane overgang wordt vastgelegd
    Als ik "opgevolgd" vastleg op "munitiebeheer-a10" met toelichting "RYLAP landelijk uitgerold" uitgaande van versie 2
    Dan wordt versie 3 getoond
    En staat "munitiebeheer-a10" op "opgevolgd" met versie 3
    En toont "munitiebeheer" de voortgang "10 van 10 aanbevelingen opgevolgd"
    En bevat de geschiedenis van "munitiebeheer-a10" als laatste "opgevolgd" met toelichting "RYLAP landelijk uitgerold"

  Scenario: Een ongeldige overgang wordt geweigerd met uitleg
    Als ik "geverifieerd" vastleg op "munitiebeheer-a10"
    Dan wordt de gebeurtenis geweigerd met de melding "staat op 'in uitvoering'; 'geverifieerd' is daar niet toegestaan"
    En noemt de melding de toegestane overgang "opgevolgd (→ opgevolgd)"
    En staat "munitiebeheer-a10" op "in_uitvoering" met versie 2

  Scenario: Opvolgen zonder toelichting wordt geweigerd
    Als ik "opgevolgd" vastleg op "munitiebeheer-a10"
    Dan wordt de gebeurtenis geweigerd met de melding "verplicht: toelichting"
    En toont "munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"

  Scenario: Een verouderde versie wordt geweigerd
    Gegeven een collega heeft intussen een opmerking geplaatst bij "munitiebeheer-a10"
    Als ik "opgevolgd" vastleg op "munitiebeheer-a10" met toelichting "Afgerond" uitgaande van versie 2
    Dan wordt de gebeurtenis geweigerd met de melding "u ging uit van versie 2, de huidige versie is 3"
    En toont "munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"

  Abstract Scenario: De stand op een eerdere peildatum
    Dan toont "<onvolkomenheid>" op peildatum <peildatum> de voortgang "<voortgang>"

    Voorbeelden:
      | onvolkomenheid | peildatum  | voortgang                          |
      | inkoop         | 2023-12-31 | 1 van 3 aanbevelingen opgevolgd    |
      | inkoop         | 2024-12-31 | 2 van 3 aanbevelingen opgevolgd    |
      | vastgoedbeheer | 2024-03-31 | 1 van 3 aanbevelingen opgevolgd    |
      | vastgoedbeheer | 2024-06-30 | 0 van 3 aanbevelingen opgevolgd    |
      | munitiebeheer  | 2025-12-31 | 9 van 10 aanbevelingen opgevolgd   |
