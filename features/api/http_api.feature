# language: nl
Functionaliteit: Vastleggen via de HTTP-API
  Als systeem van een programma-eigenaar
  wil ik gebeurtenissen via de API vastleggen met mijn eigen token
  zodat de voortgang wordt bijgewerkt zonder dat iemand andermans wijziging overschrijft

  Elke schrijfactie noemt met If-Match de versie (ETag) van het item zoals de schrijver het las.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Een eigenaar volgt een aanbeveling op, met het document erachter
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik via de API het document "Uitrol RYLAP.pdf" upload
    Dan antwoordt de API met status 201 en de SHA-256-som van het document
    Als ik via de API "opgevolgd" vastleg op "aanbeveling 10 van Munitiebeheer" met toelichting "RYLAP landelijk uitgerold" en dat document als bewijs
    Dan antwoordt de API met status 201
    En staat mijn account in de API als vastlegger
    En geeft de API bij "aanbeveling 10 van Munitiebeheer" een nieuwe ETag
    En toont de API bij "Munitiebeheer" de voortgang "10 van 10 aanbevelingen opgevolgd"

  Scenario: Een lezer mag kijken maar niets vastleggen
    Gegeven ik ben aangemeld als lezer
    Dan toont de API bij "Munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"
    Als ik via de API "opmerking" vastleg op "aanbeveling 10 van Munitiebeheer" met toelichting "Kan dit sneller?"
    Dan antwoordt de API met status 403 en de melding "rol lezer"

  Scenario: Een eigenaar blijft binnen zijn bereik
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik via de API "opgevolgd" vastleg op "aanbeveling 12 van Beveiliging Militaire Objecten" met toelichting "Eigenaarschap belegd"
    Dan antwoordt de API met status 403 en de melding "valt buiten uw bereik"

  Scenario: Een verouderde versie wordt geweigerd
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    En ik heb "aanbeveling 10 van Munitiebeheer" via de API gelezen
    En een collega heeft via de API intussen een opmerking geplaatst bij "aanbeveling 10 van Munitiebeheer"
    Als ik via de API "opgevolgd" vastleg op "aanbeveling 10 van Munitiebeheer" met toelichting "Afgerond" uitgaande van wat ik eerder las
    Dan antwoordt de API met status 409 en de melding "de huidige versie is"
    En noemt het antwoord de huidige versie van "aanbeveling 10 van Munitiebeheer"
    En toont de API bij "Munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"

  Scenario: Zonder If-Match wordt niets vastgelegd
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik via de API "opgevolgd" vastleg op "aanbeveling 10 van Munitiebeheer" met toelichting "Afgerond" zonder If-Match
    Dan antwoordt de API met status 428
    En toont de API bij "Munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"

  Scenario: Zonder token geen toegang
    Als ik zonder token "Munitiebeheer" opvraag via de API
    Dan antwoordt de API met status 401

  Scenario: De oordelen van de Rekenkamer over één verantwoordingsonderzoek
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Als ik via de API de oordelen van de Rekenkamer over het verantwoordingsonderzoek 2024 opvraag
    Dan antwoordt de API met status 200
    En noemt de API alle zeven onvolkomenheden, elk met haar oordeel over het verantwoordingsonderzoek 2024
    En is in de API het oordeel over "Beveiliging Militaire Objecten" "ernstige onvolkomenheid"
    En is in de API het oordeel over "Vastgoedbeheer" "onvolkomenheid" met voortgang "vooruitgang"

  Scenario: Een item in de API is achterstallig per peildatum
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Als ik via de API "Inkoop" opvraag op peildatum 31 december 2025
    Dan antwoordt de API met status 200
    En is het item in de API niet achterstallig
    Als ik via de API "Inkoop" opvraag op peildatum 28 november 2026
    Dan is het item in de API achterstallig
