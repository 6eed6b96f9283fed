# language: nl
Functionaliteit: Volwassenheid van de informatiehuishouding (Defensie Open op Orde)
  Als programma Defensie Open op Orde
  wil ik de volwassenheidsscores per defensieonderdeel en de streefwaarden als gebeurtenissen vastleggen
  zodat de realisatie per jaar tegen streefwaarde en norm te volgen is

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen

  Scenario: De gepubliceerde tabel
    Dan geeft het rapport "open-op-orde" op peildatum 2025-12-31 deze tabel:
      |                                         | 2025 | 2026 | 2027 |
      | Informatiehuishouding - realisatiescore | 2,7  |      |      |
      | Streefwaarde                            | 2,8  | 3,0  | 3,3  |
      | Norm                                    | 4    | 4    | 4    |
    En meldt het rapport "open-op-orde" op peildatum 2025-12-31 "2,7 tegen streefwaarde 2,8: 0,1 onder de streefwaarde"

  Scenario: Een score van 4,5 wordt geweigerd
    Als ik voor "ooo-koninklijke-marine" de score "4,5" over 2026 vastleg
    Dan wordt de gebeurtenis geweigerd met de melding "Volwassenheidsscore 4,5 ligt buiten het toegestane bereik 1,0–4,0"

  Scenario: Nieuwe metingen geven de realisatie van een nieuw jaar
    Als ik voor ieder defensieonderdeel de score "3,1" over 2026 vastleg
    Dan is de realisatie 2026 in het rapport "open-op-orde" van vandaag "3,1"
    En is de realisatie 2026 in het rapport "open-op-orde" op peildatum 2025-12-31 leeg

  Scenario: Een gewijzigde streefwaarde houdt haar geschiedenis
    Als ik de streefwaarde voor 2026 op "3,2" zet met toelichting "Herijking programma"
    Dan is de streefwaarde 2026 in het rapport "open-op-orde" van vandaag "3,2"
    En is de streefwaarde 2026 in het rapport "open-op-orde" op peildatum 2025-12-31 "3,0"

  Scenario: Een eerdere peildatum toont de eerdere meting
    Dan is de realisatie 2025 in het rapport "open-op-orde" op peildatum 2025-06-30 "2,5"
