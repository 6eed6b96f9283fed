# language: nl
Functionaliteit: Afhankelijkheden, blokkades, prognoses en het kritieke pad
  Als Bestuursraad
  wil ik zien welke items op elkaar wachten en wat een vertraging doorwerkt
  zodat ik weet welke onvolkomenheid haar jaar gaat missen en waardoor

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen

  Scenario: Een kring wordt geweigerd met het volledige pad
    Als ik vastleg dat "autorisatiebeheer-roger" afhangt van "autorisatiebeheer-a2"
    Dan wordt de gebeurtenis geweigerd met de melding "autorisatiebeheer-roger → autorisatiebeheer-a2 → autorisatiebeheer-sap-grc → autorisatiebeheer-roger"

  Scenario: Starten wordt geweigerd zolang een vereist item niet gereed is
    Als ik "gestart" vastleg op "beveiliging-militaire-objecten-vastgoedprojecten"
    Dan wordt de gebeurtenis geweigerd met de melding "wacht nog op Portefeuilleplan vastgoed op basis van huisvestingsplannen"
    En is "beveiliging-militaire-objecten-vastgoedprojecten" geblokkeerd

  Scenario: Gedeblokkeerd na het laatste vereiste item
    Als ik "afgerond" vastleg op "vastgoedbeheer-portefeuilleplan" met toelichting "Portefeuilleplan vastgesteld"
    Dan is "beveiliging-militaire-objecten-vastgoedprojecten" niet meer geblokkeerd
    En bevat de geschiedenis van "beveiliging-militaire-objecten-vastgoedprojecten" als laatste "gedeblokkeerd" door "vastgoedbeheer-portefeuilleplan"
    Als ik "gestart" vastleg op "beveiliging-militaire-objecten-vastgoedprojecten"
    Dan staat "beveiliging-militaire-objecten-vastgoedprojecten" op "in_uitvoering" met versie 5

  Scenario: De verschuiving van SAP GRC werkte door naar Autorisatiebeheer
    Dan is de prognose van "autorisatiebeheer" op peildatum 2025-10-01 "2025-12-31" zonder risico
    En is de prognose van "autorisatiebeheer" op peildatum 2025-10-10 "2026-09-30" met risico
    En is de prognose van "autorisatiebeheer" op peildatum 2025-12-31 "2026-12-31" zonder risico

  Scenario: Een nieuwe vertraging werkt door tot de onvolkomenheid
    Als ik de planning van "autorisatiebeheer-roger" op "2027-03-31" zet met toelichting "ROGER opnieuw uitgesteld"
    Dan is de prognose van "autorisatiebeheer" "2027-03-31" met risico
    En toont de graaf van "autorisatiebeheer" het kritieke pad "autorisatiebeheer ← autorisatiebeheer-a2 ← autorisatiebeheer-sap-grc ← autorisatiebeheer-roger"
