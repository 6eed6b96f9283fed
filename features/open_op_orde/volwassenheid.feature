# language: nl
Functionaliteit: Volwassenheid van de informatiehuishouding (Defensie Open op Orde)
  Als programma Defensie Open op Orde
  wil ik de volwassenheidsscores per defensieonderdeel en de streefwaarden vastleggen
  zodat de realisatie per jaar tegen streefwaarde en norm te volgen is

  De realisatie van een jaar is het gemiddelde van de laatste score van ieder defensieonderdeel in dat jaar.
  Zolang niet alle zeven onderdelen zijn gemeten, is zij voorlopig.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: De gepubliceerde tabel
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan geeft het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 deze tabel:
      |                                         | 2025 | 2026 | 2027 |
      | Informatiehuishouding - realisatiescore | 2,7  |      |      |
      | Streefwaarde                            | 2,8  | 3,0  | 3,3  |
      | Norm                                    | 4    | 4    | 4    |
    En meldt het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 "2,7 tegen streefwaarde 2,8: 0,1 onder de streefwaarde"
    En meldt het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 "Realisatie 2025: 7 van 7 onderdelen gemeten."

  Scenario: Een score van 4,5 wordt geweigerd
    Gegeven ik ben aangemeld als eigenaar van "Koninklijke Marine"
    Als ik voor "Koninklijke Marine" de score "4,5" over 2026 vastleg
    Dan wordt dat geweigerd met de melding "Volwassenheidsscore 4,5 ligt buiten het toegestane bereik 1,0–4,0"

  Scenario: Een jaar dat nog niet is begonnen, wordt nog niet gemeten
    Gegeven ik ben aangemeld als eigenaar van "Koninklijke Marine"
    Als ik voor "Koninklijke Marine" de score "3,2" over 2028 vastleg
    Dan wordt dat geweigerd met de melding "Meetjaar 2028"
    En noemt de melding "dat jaar was toen nog niet begonnen"
    En staat in het rapport "Defensie Open op Orde (7.2)" van vandaag bij "Informatiehuishouding - realisatiescore" onder "2028" ""

  Scenario: Met één gemeten onderdeel is de realisatie voorlopig
    Gegeven ik ben aangemeld als eigenaar van "Koninklijke Marine"
    Als ik voor "Koninklijke Marine" de score "3,1" over 2026 vastleg
    Dan is dat vastgelegd
    En staat in het rapport "Defensie Open op Orde (7.2)" van vandaag bij "Informatiehuishouding - realisatiescore" onder "2026" "3,1 (voorlopig)"
    En meldt het rapport "Defensie Open op Orde (7.2)" van vandaag "Realisatie 2026: 1 van 7 onderdelen gemeten, voorlopig."

  Scenario: Zijn alle onderdelen gemeten, dan is de realisatie van dat jaar niet meer voorlopig
    Gegeven ik ben aangemeld als eigenaar van "Defensie Open op Orde — informatiehuishouding"
    Als ik voor ieder defensieonderdeel de score "3,1" over 2026 vastleg
    Dan staat in het rapport "Defensie Open op Orde (7.2)" van vandaag bij "Informatiehuishouding - realisatiescore" onder "2026" "3,1"
    En meldt het rapport "Defensie Open op Orde (7.2)" van vandaag "Realisatie 2026: 7 van 7 onderdelen gemeten."
    En staat in het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 bij "Informatiehuishouding - realisatiescore" onder "2026" ""

  Scenario: Een gewijzigde streefwaarde houdt haar geschiedenis
    Gegeven ik ben aangemeld als eigenaar van "Defensie Open op Orde — informatiehuishouding"
    Als ik de streefwaarde voor 2026 op "3,2" zet met toelichting "Herijking programma"
    Dan is dat vastgelegd
    En staat in het rapport "Defensie Open op Orde (7.2)" van vandaag bij "Streefwaarde" onder "2026" "3,2"
    En staat in het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 bij "Streefwaarde" onder "2026" "3,0"

  Scenario: Een eerdere peildatum toont de eerdere meting
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan staat in het rapport "Defensie Open op Orde (7.2)" op peildatum 30 juni 2025 bij "Informatiehuishouding - realisatiescore" onder "2025" "2,5"
