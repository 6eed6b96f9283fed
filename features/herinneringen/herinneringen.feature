# language: nl
Functionaliteit: Herinneringen per e-mail
  Elke dag stuurt het volgsysteem wie iets te doen heeft één bericht: een eigenaar zijn items die achterstallig
  zijn of binnen 14 dagen hun deadline halen, een auditor de opvolging die langer dan 10 dagen op verificatie
  wacht, de CIO de vervulde voorwaarden die op aanvaarding wachten. Op één dag komt er hoogstens één bericht.
  Wat niet aankwam, ziet de beheerder, en het gaat bij de volgende run alsnog.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026
    En de mailserver neemt berichten aan
    En de eigenaar van "Autorisatiebeheer" heeft het e-mailadres "autorisatie@mindef.nl"

  Scenario: Een eigenaar krijgt één herinnering met zijn achterstallige items
    Als de herinneringen van vandaag worden verstuurd
    Dan krijgt "autorisatie@mindef.nl" één bericht
    En noemt dat bericht "Implementatie SAP GRC-tooling voor functiescheiding" met "uiterlijk 31 december 2025"
    En noemt dat bericht alleen items van "Autorisatiebeheer"
    En verwijst dat bericht naar Mijn werk

  Scenario: Een tweede run op dezelfde dag stuurt niets
    Gegeven de herinneringen van vandaag zijn verstuurd
    Als de herinneringen van vandaag nog eens worden verstuurd
    Dan krijgt "autorisatie@mindef.nl" in totaal één bericht
    En meldt de run "0 verzonden"

  Scenario: Een herinnering die niet aankwam, ziet de beheerder en gaat bij de volgende run alsnog
    Gegeven de mailserver is onbereikbaar
    Als de herinneringen van vandaag worden verstuurd
    Dan ziet de beheerder onder "Niet bezorgd" de herinnering aan de eigenaar van "Autorisatiebeheer" met "niet bereikbaar"
    Als de mailserver weer berichten aanneemt
    En de herinneringen van vandaag nog eens worden verstuurd
    Dan krijgt "autorisatie@mindef.nl" één bericht
    En ziet de beheerder onder "Niet bezorgd" geen herinnering aan de eigenaar van "Autorisatiebeheer"
