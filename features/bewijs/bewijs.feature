# language: nl
Functionaliteit: Bewijs bij een melding
  Als auditor van de Rekenkamer
  wil ik bij een gemelde opvolging de documenten zien waarop de melding steunt
  zodat ik verifieer op grond van bewijs en niet alleen op het woord van de eigenaar

  Wie een aanbeveling opgevolgd of een voorwaarde vervuld meldt, voegt ten minste één document toe. Een
  document wordt in de gebeurtenis genoemd bij zijn SHA-256-som, zodat de ketting van gebeurtenissen ook de
  inhoud dekt, en wordt nooit verwijderd; een latere melding kan andere documenten noemen. Wie het item mag
  lezen, kan de documenten downloaden, en PDF's en afbeeldingen ook in de pagina bekijken. Het type wordt
  herkend aan de inhoud, niet aan de naam.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Een eigenaar meldt een aanbeveling opgevolgd met een document
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik op de pagina van "aanbeveling 10 van Munitiebeheer" "Opgevolgd melden" vastleg met toelichting "Tellingen worden elk kwartaal uitgevoerd" en het document "telverslag-2026.pdf"
    Dan toont de pagina "Vastgelegd: Opgevolgd melden."
    En staat "aanbeveling 10 van Munitiebeheer" op "opgevolgd"
    En noemt de laatste gebeurtenis van "aanbeveling 10 van Munitiebeheer" het document "telverslag-2026.pdf" bij zijn SHA-256-som
    En staat in de tijdlijn van "aanbeveling 10 van Munitiebeheer" bij "Opgevolgd melden" het document "telverslag-2026.pdf"

  Scenario: Een auditor bekijkt het bewijs en verifieert de melding
    Gegeven de eigenaar van "Munitiebeheer" heeft op de pagina van "aanbeveling 10 van Munitiebeheer" "Opgevolgd melden" vastgelegd met toelichting "Tellingen worden elk kwartaal uitgevoerd" en het document "telverslag-2026.pdf"
    En ik ben aangemeld als auditor
    Als ik de pagina van "aanbeveling 10 van Munitiebeheer" open
    Dan toont de pagina de melding ter beoordeling "Opgevolgd melden" van de eigenaar van "Munitiebeheer" met toelichting "Tellingen worden elk kwartaal uitgevoerd"
    En staat bij de melding het document "telverslag-2026.pdf" als PDF, met zijn grootte en wie het toevoegde
    En toont de pagina een voorbeeld van "telverslag-2026.pdf"
    En krijg ik "telverslag-2026.pdf" bij het downloaden precies zo terug als het werd gemeld
    Als ik op de pagina "Verifiëren (Rekenkamer)" vastleg
    Dan toont de pagina "Vastgelegd: Verifiëren (Rekenkamer)."
    En staat "aanbeveling 10 van Munitiebeheer" op "geverifieerd"

  Scenario: Een melding zonder het vereiste bewijs wordt geweigerd
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik op de pagina van "aanbeveling 10 van Munitiebeheer" "Opgevolgd melden" vastleg met toelichting "Afgerond" zonder document
    Dan weigert de pagina dat met de melding "vraagt om bewijs: voeg ten minste één document toe"
    En staat bij "Bewijs (documenten)" de fout "Ten minste één document."
    En staat de toelichting "Afgerond" nog in het formulier
    En staat "aanbeveling 10 van Munitiebeheer" op "in uitvoering"

  Scenario: Ook via de API vraagt een melding om bewijs
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik via de API "aanbeveling 10 van Munitiebeheer" als "opgevolgd" meld met toelichting "Afgerond" zonder bewijs
    Dan wordt dat geweigerd met de melding "vraagt om bewijs: voeg ten minste één document toe"
    En noemt de melding "PDF"
    En staat "aanbeveling 10 van Munitiebeheer" op "in uitvoering"

  Scenario: Een programma dat PDF heet, wordt herkend en geweigerd
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik op de pagina van "aanbeveling 10 van Munitiebeheer" "Opgevolgd melden" vastleg met toelichting "Zie bijlage" en een programma met de naam "rapport.pdf"
    Dan weigert de pagina dat met de melding "herkend aan de inhoud, niet aan de naam"
    En staat "aanbeveling 10 van Munitiebeheer" op "in uitvoering"
    En is er geen document bewaard

  Scenario: Een eigenaar buiten het bereik van het item kan het bewijs niet openen
    Gegeven de eigenaar van "Munitiebeheer" heeft op de pagina van "aanbeveling 10 van Munitiebeheer" "Opgevolgd melden" vastgelegd met toelichting "Tellingen worden elk kwartaal uitgevoerd" en het document "telverslag-2026.pdf"
    En ik ben aangemeld als eigenaar van "Beveiliging Militaire Objecten"
    Dan bestaat "telverslag-2026.pdf" voor mij niet

  Scenario: Een eigenaar meldt een voorwaarde vervuld met bewijs en de CIO aanvaardt haar
    Gegeven ik ben aangemeld als eigenaar van "Medische registratie CZSK"
    Als ik op de pagina van de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" "Vervuld melden" vastleg met toelichting "Business case vastgesteld" en het document "business-case.pdf"
    Dan toont de pagina "Vastgelegd: Vervuld melden."
    Als ik mij aanmeld als de CIO
    En ik de pagina van de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" open
    Dan toont de pagina de melding ter beoordeling "Vervuld melden" van de eigenaar van "Medische registratie CZSK" met toelichting "Business case vastgesteld"
    En toont de pagina een voorbeeld van "business-case.pdf"
    Als ik op de pagina "Vervulling aanvaarden (CIO)" vastleg
    Dan staat de voorwaarde "Actualiseer de business case" van "Medische registratie CZSK" op "vervuld (aanvaard door de CIO)"
