# language: nl
Functionaliteit: Het pakket voor de Bestuursraad
  Als lid van de Bestuursraad
  wil ik voor een vergadering één document met de stand per peildatum
  zodat ik de gepubliceerde tabellen, de verschillen sinds de vorige peildatum, de kritieke paden met risico, de
  achterstallige items en de correcties na vaststelling bij elkaar heb, ook op papier

  Het pakket is een PDF op A4 met paginanummers. Het omslag noemt de peildatum, de vergelijkingsdatum en de
  ketenkop: de hash van de laatste gebeurtenis waarop de cijfers rusten.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Een lid van de Bestuursraad downloadt het pakket voor de vergadering
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Als ik op het dashboard van 31 december 2025 het pakket voor de Bestuursraad download
    Dan is het pakket een PDF op A4 met onder elke pagina "pagina X van Y"
    En noemt het omslag de peildatum 31 december 2025, de vergelijkingsdatum 30 juni 2025 en de ketenkop
    En staat in het pakket in de tabel "Onvolkomenheden Algemene Rekenkamer (6.1)" bij "Beveiliging Militaire Objecten" "10 (van 12) aanbevelingen opgevolgd**"
    En staat in het pakket elke rij van de tabellen "Onvolkomenheden Algemene Rekenkamer (6.1)", "CIO-oordelen per jaar (7.1)", "Nadere Inventarisatie Gevaarlijke Stoffen (6.2)" en "Defensie Open op Orde (7.2)"
    En noemt het pakket bij elk thema het verschil sinds 30 juni 2025 dat het dashboard toont

  Scenario: Een correctie na vaststelling staat in het pakket naast de vastgestelde cijfers
    Gegeven ik ben aangemeld als beheerder
    En de Bestuursraad heeft de peildatum 31 december 2025 van "Onvolkomenheden Algemene Rekenkamer (6.1)" vastgesteld
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" per 1 november 2025 als "opgevolgd" meld met toelichting "Opvolging was in november al gereed"
    En ik mij aanmeld als lid van de Bestuursraad
    En ik op het dashboard van 31 december 2025 het pakket voor de Bestuursraad download
    Dan staat in het pakket in de tabel "Onvolkomenheden Algemene Rekenkamer (6.1)" bij "Beveiliging Militaire Objecten" "10 (van 12) aanbevelingen opgevolgd**"
    En staat onder "Correcties na vaststelling" in het pakket "Opvolging was in november al gereed"
