# language: nl
Functionaliteit: Wie mag wat zeggen, en per wanneer
  Als Bestuursraad
  wil ik erop kunnen vertrouwen wie wat heeft gezegd en wanneer
  zodat een cijfer dat wij zagen altijd te herleiden is

  Het oordeel van de Algemene Rekenkamer is van de Rekenkamer, de claim van Defensie van de eigenaar.
  Wat de Bestuursraad heeft vastgesteld, blijft zoals het was; een latere correctie staat ernaast.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen

  Scenario: Een eigenaar kan het oordeel van de Rekenkamer niet wijzigen
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik bij "Munitiebeheer" het "Oordeel Algemene Rekenkamer" corrigeer naar "afgeschaald"
    Dan wordt dat geweigerd omdat het de gegevens van een andere rol zijn
    En biedt het correctieformulier van "Munitiebeheer" mij geen "Oordeel Algemene Rekenkamer" aan
    Als ik bij "Munitiebeheer" het "Plan van aanpak" corrigeer naar "Q4 2025, herzien"
    Dan is dat vastgelegd

  Scenario: De Rekenkamer legt haar eigen oordeel vast
    Gegeven ik ben aangemeld als de Rekenkamer
    Als ik bij "Munitiebeheer" het "Oordeel Algemene Rekenkamer" corrigeer naar "onvolkomenheid"
    Dan is dat vastgelegd

  Scenario: Een aanbeveling is pas opgevolgd als wat zij vereist gereed is
    Gegeven ik ben aangemeld als beheerder
    Als ik "aanbeveling 2 van Autorisatiebeheer" als "opgevolgd" meld met toelichting "Functiescheiding geanalyseerd"
    Dan wordt dat geweigerd omdat het nog wacht op "Implementatie SAP GRC-tooling voor functiescheiding"

  Scenario: Een eigenaar dateert niet verder terug dan zijn termijn
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik bij "aanbeveling 10 van Munitiebeheer" een opmerking plaats van 60 dagen geleden
    Dan wordt dat geweigerd met de melding "hoogstens 31 dagen"

  Scenario: Een vastgestelde peildatum houdt haar cijfers
    Gegeven ik ben aangemeld als beheerder
    En de peildatum 31 december 2025 van het rapport "onvolkomenheden" is vastgesteld
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" per 1 november 2025 als "opgevolgd" meld met toelichting "Opvolging was in november al gereed"
    Dan toont het rapport "onvolkomenheden" op 31 december 2025 bij "Beveiliging Militaire Objecten" nog "10 (van 12) aanbevelingen opgevolgd"
    En noemt het rapport de correctie na vaststelling van "Beveiliging Militaire Objecten"
    En toont het rapport zoals het vandaag bekend is bij "Beveiliging Militaire Objecten" "11 (van 12) aanbevelingen opgevolgd"

  Scenario: Een late correctie is als zodanig zichtbaar
    Gegeven ik ben aangemeld als beheerder
    Als ik bij "aanbeveling 11 van Beveiliging Militaire Objecten" een opmerking plaats per 1 juli 2025 met toelichting "Notulen van juli alsnog vastgelegd"
    Dan staat in de tijdlijn van "aanbeveling 11 van Beveiliging Militaire Objecten" een "late correctie"
