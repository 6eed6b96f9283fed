# language: nl
Functionaliteit: Mijn werk, zoeken en meerdere items tegelijk
  Wie zich aanmeldt, ziet eerst wat op hem of haar wacht en waarom. Items zijn te vinden op woorden uit hun
  titel, toelichting of planning en te filteren op onderdeel, eigenaar en deadline. Een auditor geeft
  hetzelfde oordeel over meerdere gemelde aanbevelingen in één keer: alles of niets.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Een eigenaar ziet de open items binnen zijn bereik, achterstallige eerst
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik "Mijn werk" open
    Dan staat "aanbeveling 10 van Munitiebeheer" onder "Open items in uw bereik"
    En staan onder "Open items in uw bereik" alleen items van "Munitiebeheer"
    En staan onder "Open items in uw bereik" de achterstallige items eerst en daarna de vroegste deadline

  Scenario: Een achterstallig item staat bovenaan en zegt waarom
    Gegeven ik ben aangemeld als eigenaar van "Inkoop"
    Als ik "Mijn werk" open
    Dan staat "Inkoop" onder "Open items in uw bereik" met "achterstallig: uiterlijk 31 december 2025"
    En staat "Inkoop" daar als eerste
    En staan onder "Open items in uw bereik" de achterstallige items eerst en daarna de vroegste deadline
    En staat bij elk achterstallig item waarom: "achterstallig: uiterlijk"

  Scenario: Een auditor ziet gemelde opvolging die op verificatie wacht, de oudste eerst
    Gegeven de eigenaar heeft "aanbeveling 10 van Munitiebeheer" op 2 november 2026 als "opgevolgd" gemeld
    En ik ben aangemeld als auditor
    Als ik "Mijn werk" open
    Dan staat "aanbeveling 10 van Munitiebeheer" onder "wacht op verificatie" met "sinds 2 november 2026"
    En staat "aanbeveling 10 van Munitiebeheer" daar als laatste

  Scenario: Een auditor verifieert drie gemelde aanbevelingen in één keer
    Gegeven de eigenaar heeft deze aanbevelingen als "opgevolgd" gemeld:
      | aanbeveling                                       |
      | aanbeveling 10 van Munitiebeheer                  |
      | aanbeveling 11 van Beveiliging Militaire Objecten |
      | aanbeveling 12 van Beveiliging Militaire Objecten |
    En ik ben aangemeld als auditor
    En ik heb "Mijn werk" geopend
    Als ik die drie kies en "Verifiëren (Rekenkamer)" vastleg met toelichting "Steekproef akkoord"
    Dan meldt de pagina "Vastgelegd op 3 items."
    En staat "aanbeveling 10 van Munitiebeheer" op "geverifieerd"
    En staat "aanbeveling 11 van Beveiliging Militaire Objecten" op "geverifieerd"
    En staat "aanbeveling 12 van Beveiliging Militaire Objecten" op "geverifieerd"

  Scenario: Is een van de gekozen items intussen gewijzigd, dan wordt niets vastgelegd en wordt dat item genoemd
    Gegeven de eigenaar heeft deze aanbevelingen als "opgevolgd" gemeld:
      | aanbeveling                                       |
      | aanbeveling 10 van Munitiebeheer                  |
      | aanbeveling 11 van Beveiliging Militaire Objecten |
      | aanbeveling 12 van Beveiliging Militaire Objecten |
    En ik ben aangemeld als auditor
    En ik heb "Mijn werk" geopend
    Als de eigenaar intussen bij "aanbeveling 12 van Beveiliging Militaire Objecten" een opmerking plaatst
    En ik die drie kies en "Verifiëren (Rekenkamer)" vastleg met toelichting "Steekproef akkoord"
    Dan meldt de pagina "Niets vastgelegd"
    En noemt de pagina "Aanbeveling 12: Beleg eigenaarschap van objectbeveiliging eenduidig."
    En staat "aanbeveling 10 van Munitiebeheer" op "opgevolgd"
    En staat "aanbeveling 12 van Beveiliging Militaire Objecten" op "opgevolgd"

  Scenario: Zoeken vindt het ene item met een woord uit zijn toelichting
    Gegeven de eigenaar heeft bij "aanbeveling 2 van Cryptobeheer" de opmerking "Besproken met de sleutelbewaarder van de Kromhoutkazerne" geplaatst
    En ik ben aangemeld als lid van de Bestuursraad
    Als ik in de lijst met items zoek op "kromhoutkazerne"
    Dan toont de lijst alleen "aanbeveling 2 van Cryptobeheer"
    En vindt de API met dezelfde zoekvraag alleen "aanbeveling 2 van Cryptobeheer"

  Scenario: Het aantal achterstallig op het dashboard leidt naar de items die het verklaren
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Als ik op het dashboard bij "Onvolkomenheden Algemene Rekenkamer" het aantal "achterstallig" volg
    Dan toont de lijst evenveel items als het dashboard telde
    En is elk item in de lijst achterstallig

  Scenario: Het dashboard van een eerdere peildatum houdt die peildatum vast in elke link
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Als ik het dashboard op peildatum 31 december 2025 open
    En ik bij "Onvolkomenheden Algemene Rekenkamer" het aantal "met risico" volg
    Dan toont de lijst de stand per 31 december 2025
    En verwijst elk item in de lijst naar zijn pagina op peildatum 31 december 2025

  Scenario: Filteren op achterstallig en onderdeel geeft precies die items, ook als download
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Als ik de lijst met items filter op "Achterstallig" "ja" en "Defensieonderdeel" "COMMIT"
    Dan zijn dat precies de achterstallige items van COMMIT
    En bevat de CSV-download van deze lijst precies dezelfde items
