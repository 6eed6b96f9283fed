# language: nl
Functionaliteit: Live bijwerken van het dashboard en de itempagina's
  Wie het dashboard of een item open heeft, ziet nieuwe cijfers zodra iemand anders iets vastlegt, zonder de
  pagina te verversen. De pagina luistert naar een stroom van nieuwe gebeurtenissen en haalt bij een wijziging
  die haar aangaat haar cijfers opnieuw op. Wie een bereik heeft, krijgt alleen de gebeurtenissen binnen dat
  bereik te horen. Zonder JavaScript werkt alles zoals altijd: de pagina ververst dan alleen niet vanzelf.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Een lid van de Bestuursraad met het dashboard open ziet het nieuwe kerncijfer
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    En ik heb het dashboard open
    En het dashboard toont bij "Onvolkomenheden Algemene Rekenkamer" "34 van 38 aanbevelingen opgevolgd"
    Als de eigenaar van "Munitiebeheer" "aanbeveling 10 van Munitiebeheer" als "opgevolgd" meldt
    Dan hoort het open dashboard dat "Opgevolgd melden" is vastgelegd bij "aanbeveling 10 van Munitiebeheer"
    En toont het bijgewerkte dashboard bij "Onvolkomenheden Algemene Rekenkamer" "35 van 38 aanbevelingen opgevolgd"

  Scenario: Een eigenaar hoort live alleen wat binnen zijn bereik gebeurt
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    En ik volg de gebeurtenissen live
    Als de beheerder bij "aanbeveling 1 van Autorisatiebeheer" de opmerking "Buiten uw bereik" plaatst
    En de beheerder bij "aanbeveling 10 van Munitiebeheer" de opmerking "Binnen uw bereik" plaatst
    Dan hoor ik live alleen de opmerking "Binnen uw bereik" bij "aanbeveling 10 van Munitiebeheer"
