# language: nl
Functionaliteit: Afhankelijkheden, blokkades, prognoses en het kritieke pad
  Als Bestuursraad
  wil ik zien welke items op elkaar wachten en waar een vertraging doorwerkt
  zodat ik weet welke onvolkomenheid haar jaar gaat missen, en waardoor

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026

  Scenario: Een afhankelijkheid die een kring zou maken, wordt geweigerd met de hele kring
    Gegeven ik ben aangemeld als beheerder
    Als ik vastleg dat "Personele capaciteit door herplanning programma ROGER" wacht op "aanbeveling 2 van Autorisatiebeheer"
    Dan wordt dat geweigerd omdat het een kring zou maken: "Personele capaciteit door herplanning programma ROGER" → "aanbeveling 2 van Autorisatiebeheer" → "Implementatie SAP GRC-tooling voor functiescheiding" → "Personele capaciteit door herplanning programma ROGER"

  Scenario: Starten wordt geweigerd zolang een vereist item niet gereed is
    Gegeven ik ben aangemeld als eigenaar van "Beveiliging Militaire Objecten"
    Als ik bij "Aanpassingen middellange en lange termijn in vastgoedprojecten" "Uitvoering starten" vastleg
    Dan wordt dat geweigerd omdat het nog wacht op "Portefeuilleplan vastgoed op basis van huisvestingsplannen"
    En is "Aanpassingen middellange en lange termijn in vastgoedprojecten" geblokkeerd
    En staat "Aanpassingen middellange en lange termijn in vastgoedprojecten" nog op "gepland"

  Scenario: Als het laatste vereiste item gereed is, kan het wachtende item verder
    Gegeven ik ben aangemeld als eigenaar van "Vastgoedbeheer"
    Als ik bij "Portefeuilleplan vastgoed op basis van huisvestingsplannen" "Gereed melden" vastleg met toelichting "Portefeuilleplan vastgesteld"
    Dan is dat vastgelegd
    En is "Aanpassingen middellange en lange termijn in vastgoedprojecten" niet meer geblokkeerd
    En staat bovenaan de tijdlijn van "Aanpassingen middellange en lange termijn in vastgoedprojecten" dat het volgsysteem het heeft gedeblokkeerd toen "Portefeuilleplan vastgoed op basis van huisvestingsplannen" gereed was
    Als ik mij aanmeld als eigenaar van "Beveiliging Militaire Objecten"
    En ik bij "Aanpassingen middellange en lange termijn in vastgoedprojecten" "Uitvoering starten" vastleg
    Dan is dat vastgelegd
    En staat "Aanpassingen middellange en lange termijn in vastgoedprojecten" op "in uitvoering"

  Abstract Scenario: De verschuiving van SAP GRC werkte door naar Autorisatiebeheer
    Gegeven ik ben aangemeld als lid van de Bestuursraad
    Dan is op peildatum <peildatum> de prognose van "Autorisatiebeheer" <prognose>, <risico> risico

    Voorbeelden:
      | peildatum        | prognose          | risico |
      | 1 oktober 2025   | 31 december 2025  | zonder |
      | 10 oktober 2025  | 30 september 2026 | met    |
      | 31 december 2025 | 31 december 2026  | zonder |

  Scenario: Een nieuwe vertraging werkt door tot de onvolkomenheid
    Gegeven ik ben aangemeld als eigenaar van "Autorisatiebeheer"
    Als ik de planning van "Personele capaciteit door herplanning programma ROGER" op 31 maart 2027 zet met toelichting "ROGER opnieuw uitgesteld"
    Dan is dat vastgelegd
    En is vandaag de prognose van "Autorisatiebeheer" 31 maart 2027, met risico
    En loopt het kritieke pad van "Autorisatiebeheer" via "aanbeveling 2 van Autorisatiebeheer", "Implementatie SAP GRC-tooling voor functiescheiding" en "Personele capaciteit door herplanning programma ROGER"
