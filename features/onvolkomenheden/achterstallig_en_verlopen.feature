# language: nl
Functionaliteit: Achterstallig en verlopen
  Als Bestuursraad
  wil ik zien wat over zijn deadline heen is en welke prognose al is verstreken
  zodat ik weet waar ik op moet sturen, op elke peildatum

  Een onvolkomenheid is achterstallig als zij na het jaar waarin Defensie haar gereed verwachtte nog niet is
  opgelost. Een prognose die vóór de peildatum ligt terwijl het item nog open is, is verlopen en telt als risico.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026
    En ik ben aangemeld als lid van de Bestuursraad

  Scenario: Inkoop is achterstallig na het jaar waarin Defensie haar gereed verwachtte
    Dan is "Inkoop" op peildatum 31 december 2025 niet achterstallig
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 31 december 2025 bij "Inkoop" de status "3 (van 3) aanbevelingen opgevolgd"
    En telt het dashboard op peildatum 31 december 2025 bij "Onvolkomenheden Algemene Rekenkamer" "Inkoop" niet mee als achterstallig
    Maar is "Inkoop" op peildatum 28 november 2026 achterstallig
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 28 november 2026 bij "Inkoop" de status "3 (van 3) aanbevelingen opgevolgd, achterstallig"
    En meldt het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 28 november 2026 "Achterstallig (na het jaar van 'gereed' nog niet opgelost): Inkoop en Vastgoedbeheer."
    En telt het dashboard op peildatum 28 november 2026 bij "Onvolkomenheden Algemene Rekenkamer" "Inkoop" mee als achterstallig

  Scenario: Een verstreken prognose is verlopen en telt als risico
    Dan is op peildatum 30 september 2026 de prognose van "Implementatie SAP GRC-tooling voor functiescheiding" 30 september 2026, niet verlopen
    Maar is vandaag de prognose van "Implementatie SAP GRC-tooling voor functiescheiding" 30 september 2026, verlopen en met risico
    En is op peildatum 31 december 2025 de prognose van "Inkoop" 31 december 2025, niet verlopen en zonder risico
    Maar is op peildatum 1 januari 2026 de prognose van "Inkoop" 31 december 2025, verlopen en met risico
    En telt het dashboard op peildatum 31 december 2025 bij "Onvolkomenheden Algemene Rekenkamer" "Inkoop" niet mee als met risico
    En telt het dashboard op peildatum 1 januari 2026 bij "Onvolkomenheden Algemene Rekenkamer" "Inkoop" mee als met risico
