# language: nl
Functionaliteit: Het oordeel van de Algemene Rekenkamer per verantwoordingsonderzoek
  Als Bestuursraad
  wil ik het oordeel van de Algemene Rekenkamer per verantwoordingsonderzoek zien, naast de claim van Defensie
  zodat ik weet welke onvolkomenheid volgens de Rekenkamer ernstig of opgelost is, en vanaf wanneer

  De Rekenkamer publiceert haar oordelen over een jaar op Verantwoordingsdag, de derde woensdag van mei van
  het jaar daarna: over het verantwoordingsonderzoek 2025 op 20 mei 2026. Alleen de Rekenkamer legt ze vast;
  hoe ernstig een onvolkomenheid is en of zij is opgelost, volgt uit haar laatste oordeel, vanaf de dag ervan.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Afgeschaald: Beveiliging Militaire Objecten is vanaf dat oordeel geen ernstige onvolkomenheid meer
    Gegeven ik ben aangemeld als de Rekenkamer
    Als ik over het verantwoordingsonderzoek 2025 voor "Beveiliging Militaire Objecten" per 20 mei 2026 het oordeel "afgeschaald" vastleg met voortgang "vooruitgang"
    Dan is dat vastgelegd
    En noemt het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 19 mei 2026 "Beveiliging Militaire Objecten" een ernstige onvolkomenheid
    Maar noemt het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 20 mei 2026 "Beveiliging Militaire Objecten" geen ernstige onvolkomenheid meer
    En noemt het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" van vandaag "Beveiliging Militaire Objecten" geen ernstige onvolkomenheid meer

  Scenario: Opgelost: de Rekenkamer heft Inkoop op, vanaf de dag van haar oordeel
    Gegeven ik ben aangemeld als de Rekenkamer
    Als ik "Inkoop" over het verantwoordingsonderzoek 2025 per 20 mei 2026 opgelost verklaar
    Dan is dat vastgelegd
    En staat "Inkoop" in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 19 mei 2026 niet als opgelost
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 19 mei 2026 bij "Inkoop" de status "3 (van 3) aanbevelingen opgevolgd, achterstallig"
    Maar staat "Inkoop" in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 20 mei 2026 als opgelost, met de voetnoot "† Opgelost volgens de Algemene Rekenkamer: Inkoop (VO 2025, 20 mei 2026)."
    En toont het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 20 mei 2026 bij "Inkoop †" de status "3 (van 3) aanbevelingen opgevolgd"
    En staat "Inkoop" op "opgelost (oordeel Rekenkamer)"

  Scenario: Een volgend oordeel kan een opgeloste onvolkomenheid heropenen
    Gegeven ik ben aangemeld als de Rekenkamer
    En ik heb "Inkoop" over het verantwoordingsonderzoek 2025 per 20 mei 2026 opgelost verklaard
    Als het inmiddels 1 juni 2027 is
    En ik "Inkoop" over het verantwoordingsonderzoek 2026 per 19 mei 2027 heropen met het oordeel "onvolkomenheid"
    Dan is dat vastgelegd
    En staat "Inkoop" in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 18 mei 2027 als opgelost, met de voetnoot "† Opgelost volgens de Algemene Rekenkamer: Inkoop (VO 2025, 20 mei 2026)."
    Maar staat "Inkoop" in het rapport "Onvolkomenheden Algemene Rekenkamer (6.1)" op peildatum 19 mei 2027 niet als opgelost
    En staat "Inkoop" op "openstaand"

  Scenario: Het rapport over een verantwoordingsonderzoek noemt alle zeven onvolkomenheden
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan geeft het rapport "Oordelen Algemene Rekenkamer per verantwoordingsonderzoek" over het verantwoordingsonderzoek 2024 deze oordelen:
      | Onvolkomenheid                 | Oordeel VO 2024         | Voortgang    |
      | Inkoop                         | onvolkomenheid          | niet vermeld |
      | Vastgoedbeheer                 | onvolkomenheid          | vooruitgang  |
      | Autorisatiebeheer              | onvolkomenheid          | niet vermeld |
      | Beveiliging Militaire Objecten | ernstige onvolkomenheid | niet vermeld |
      | Munitiebeheer                  | onvolkomenheid          | niet vermeld |
      | Cryptobeheer                   | onvolkomenheid          | niet vermeld |
      | Inventarisatieproces           | onvolkomenheid          | niet vermeld |

  Scenario: Een oordeel kan niet bestaan vóór Verantwoordingsdag
    Gegeven ik ben aangemeld als de Rekenkamer
    Als ik over het verantwoordingsonderzoek 2025 voor "Munitiebeheer" per 19 mei 2026 het oordeel "onvolkomenheid" vastleg
    Dan wordt dat geweigerd omdat het verantwoordingsonderzoek 2025 pas op 20 mei 2026 is gepubliceerd
    En heeft "Munitiebeheer" geen oordeel over het verantwoordingsonderzoek 2025

  Scenario: Een auditor verifieert opvolging, maar legt het oordeel van de Rekenkamer niet vast
    Gegeven ik ben aangemeld als auditor
    Als ik over het verantwoordingsonderzoek 2025 voor "Munitiebeheer" per 20 mei 2026 het oordeel "onvolkomenheid" vastleg
    Dan wordt dat geweigerd met de melding "dit mag alleen de rol Rekenkamer"
    En heeft "Munitiebeheer" geen oordeel over het verantwoordingsonderzoek 2025
