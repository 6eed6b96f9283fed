# language: nl
Functionaliteit: Vastleggen via de HTTP-API
  Als systeem van een programma-eigenaar
  wil ik gebeurtenissen via de API vastleggen met mijn eigen token
  zodat de voortgang bijgewerkt wordt zonder dat iemand andermans wijziging overschrijft

  Scenario: Een eigenaar volgt een aanbeveling op
    Gegeven ik ben via de API aangemeld als "eigenaar" met bereik "munitiebeheer"
    Als ik via de API "opgevolgd" vastleg op "munitiebeheer-a10" met toelichting "RYLAP landelijk uitgerold"
    Dan antwoordt de API met status 201
    En staat in de API als vastlegger "eigenaar"
    En toont de API bij "munitiebeheer" de voortgang "10 van 10 aanbevelingen opgevolgd"

  Scenario: Een lezer mag kijken maar niets vastleggen
    Gegeven ik ben via de API aangemeld als "lezer"
    Dan toont de API bij "munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"
    Als ik via de API "opmerking" vastleg op "munitiebeheer-a10" met toelichting "Kan dit sneller?"
    Dan antwoordt de API met status 403 en de melding "rol lezer"

  Scenario: Een verouderde versie wordt geweigerd
    Gegeven ik ben via de API aangemeld als "eigenaar" met bereik "munitiebeheer"
    En een collega heeft via de API intussen een opmerking geplaatst bij "munitiebeheer-a10"
    Als ik via de API "opgevolgd" vastleg op "munitiebeheer-a10" met toelichting "Afgerond" uitgaande van mijn eerder gelezen versie
    Dan antwoordt de API met status 409 en de melding "de huidige versie is"
    En toont de API bij "munitiebeheer" de voortgang "9 van 10 aanbevelingen opgevolgd"
