# language: nl
Functionaliteit: Voorwaarden bij een positief CIO-oordeel
  Als CIO
  wil ik dat een voorwaarde pas meetelt als ik haar vervulling heb aanvaard
  zodat een project niet start op een voorwaarde die alleen de eigenaar vervuld vindt

  De eigenaar meldt een voorwaarde vervuld; de CIO aanvaardt die melding of wijst haar af. Een project onder
  voorwaarden start pas als de CIO alle voorwaarden heeft aanvaard. Trekt de CIO een aanvaarding na de start
  in, dan loopt het project door, maar gemarkeerd.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026
    En "Medische registratie CZSK" staat op "positief onder voorwaarden"
    En toont "Medische registratie CZSK" de voortgang "0 van 1 voorwaarden vervuld"

  Scenario: Een vervuld gemelde voorwaarde telt pas als de CIO haar aanvaardt
    Gegeven ik ben aangemeld als eigenaar van "Medische registratie CZSK"
    Als ik de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" vervuld meld met toelichting "Business case geactualiseerd en vastgesteld"
    Dan is dat vastgelegd
    En staat de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" op "vervuld gemeld, wacht op de CIO"
    En toont "Medische registratie CZSK" de voortgang "0 van 1 voorwaarden vervuld"
    Als ik bij "Medische registratie CZSK" "Project starten" vastleg
    Dan wordt dat geweigerd met de melding "IT-project 'Medische registratie CZSK' kan 'Project starten' niet vastleggen: nog niet alle voorwaarden zijn afgerond"
    En noemt de melding "Actualiseer de business case"
    En noemt de melding geen sleutels of gebeurtenistypen
    Als ik mij aanmeld als de CIO
    En ik de vervulling van de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" aanvaard
    Dan is dat vastgelegd
    En staat de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" op "vervuld (aanvaard door de CIO)"
    En toont "Medische registratie CZSK" de voortgang "1 van 1 voorwaarden vervuld"
    Als ik mij aanmeld als eigenaar van "Medische registratie CZSK"
    En ik bij "Medische registratie CZSK" "Project starten" vastleg
    Dan is dat vastgelegd
    En staat "Medische registratie CZSK" op "gestart"
    En is "Medische registratie CZSK" niet gemarkeerd als gestart zonder aanvaarde voorwaarden

  Scenario: Een eigenaar aanvaardt zijn eigen melding niet
    Gegeven ik ben aangemeld als eigenaar van "Medische registratie CZSK"
    En ik heb de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" vervuld gemeld met toelichting "Business case geactualiseerd"
    Als ik de vervulling van de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" aanvaard
    Dan wordt dat geweigerd met de melding "dit mag alleen de rol CIO"
    En staat de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" op "vervuld gemeld, wacht op de CIO"

  Scenario: De CIO wijst een melding af, en de voorwaarde staat weer open
    Gegeven ik ben aangemeld als eigenaar van "Medische registratie CZSK"
    En ik heb de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" vervuld gemeld met toelichting "Business case geactualiseerd"
    Als ik mij aanmeld als de CIO
    En ik de vervulling van de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" afwijs met toelichting "De kosten van het beheer ontbreken"
    Dan is dat vastgelegd
    En staat de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" op "open"
    En toont "Medische registratie CZSK" de voortgang "0 van 1 voorwaarden vervuld"

  Scenario: Een afwijzing na de start markeert het project
    Gegeven ik ben aangemeld als eigenaar van "Medische registratie CZSK"
    En ik heb de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" vervuld gemeld met toelichting "Business case geactualiseerd"
    En de CIO heeft die vervulling aanvaard
    En ik heb bij "Medische registratie CZSK" "Project starten" vastgelegd
    Als ik mij aanmeld als de CIO
    En ik de vervulling van de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" afwijs met toelichting "De business case rekent met een verouderde begroting"
    Dan is dat vastgelegd
    En staat de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" op "open"
    En staat "Medische registratie CZSK" nog op "gestart"
    En waarschuwt de pagina van "Medische registratie CZSK" dat 1 voorwaarde niet (meer) aanvaard is door de CIO
    En is "Medische registratie CZSK" gemarkeerd als gestart zonder aanvaarde voorwaarden
