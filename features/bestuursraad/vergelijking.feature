# language: nl
Functionaliteit: Twee peildata vergelijken
  Als lid van de Bestuursraad
  wil ik de stand op twee peildata naast elkaar zien
  zodat ik zie wat er tussen twee rapportages veranderde: welke aanbevelingen zijn opgevolgd, en wat er na een
  vastgestelde peildatum nog is gecorrigeerd

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: De Bestuursraad ziet welke aanbevelingen in het tweede halfjaar van 2025 zijn opgevolgd
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Als ik de stand per 30 juni 2025 vergelijk met die per 31 december 2025
    Dan toont de vergelijking bij "Onvolkomenheden Algemene Rekenkamer" op 31 december 2025 "34 van 38 aanbevelingen opgevolgd"
    En noemt de vergelijking bij "Onvolkomenheden Algemene Rekenkamer" op 30 juni 2025 het kerncijfer van het rapport van die dag
    En noemt de vergelijking bij naam elke aanbeveling die op 30 juni 2025 nog niet en op 31 december 2025 wel was opgevolgd

  Scenario: Een aanbeveling die de eigenaar vandaag opgevolgd meldt, staat in de vergelijking met vandaag
    Gegeven ik ben aangemeld als eigenaar van "Beveiliging Militaire Objecten"
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" als "opgevolgd" meld met toelichting "Aanpassingen opgenomen in de vastgoedprojecten"
    En ik mij aanmeld als lid van de Bestuursraad
    En ik de stand per 31 december 2025 vergelijk met die per 28 november 2026
    Dan noemt de vergelijking "aanbeveling 11 van Beveiliging Militaire Objecten" als opgevolgd
    En toont de vergelijking bij "Onvolkomenheden Algemene Rekenkamer" op 28 november 2026 "35 van 38 aanbevelingen opgevolgd"

  Scenario: Een correctie na een vastgestelde peildatum is zichtbaar in de vergelijking
    Gegeven ik ben aangemeld als beheerder
    En de Bestuursraad heeft de peildatum 31 december 2025 van het rapport "onvolkomenheden" vastgesteld
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" per 1 november 2025 als "opgevolgd" meld met toelichting "Opvolging was in november al gereed"
    En ik mij aanmeld als lid van de Bestuursraad
    En ik de stand per 30 juni 2025 vergelijk met die per 31 december 2025
    Dan toont de vergelijking bij "Onvolkomenheden Algemene Rekenkamer" op 31 december 2025 "34 van 38 aanbevelingen opgevolgd"
    En noemt de vergelijking de correctie na vaststelling bij "aanbeveling 11 van Beveiliging Militaire Objecten" met toelichting "Opvolging was in november al gereed"
    En noemt de vergelijking met die correctie op 31 december 2025 "35 van 38 aanbevelingen opgevolgd"
