# language: nl
Functionaliteit: Webhooks naar andere systemen
  Als beheerder
  wil ik andere systemen laten weten wat er in het volgsysteem gebeurt
  zodat zij niet hoeven te vragen of er iets veranderd is

  Een beheerder meldt een ontvanger aan met de gebeurtenissen die hij wil krijgen. Elke nieuwe gebeurtenis van
  die soort gaat naar de ontvanger als een bericht volgens Standard Webhooks, ondertekend met een geheim dat de
  beheerder eenmaal te zien krijgt. Een ontvanger die even onbereikbaar is, krijgt later alles alsnog, op volgorde.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026
    En er luistert een ontvanger van webhooks

  Scenario: Een beheerder meldt een ontvanger aan en ziet het geheim eenmaal
    Gegeven ik ben aangemeld als beheerder
    Als ik de ontvanger aanmeld voor "opgevolgd"
    Dan is de ontvanger aangemeld voor "opgevolgd"
    En krijg ik het geheim alleen bij het aanmelden te zien

  Scenario: Een opgevolgde aanbeveling komt als ondertekend bericht bij de ontvanger
    Gegeven de beheerder heeft de ontvanger aangemeld voor "opgevolgd"
    En ik ben aangemeld als eigenaar van "Beveiliging Militaire Objecten"
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" als "opgevolgd" meld met toelichting "Aanpassingen opgenomen in de vastgoedprojecten"
    En de webhooks worden bezorgd
    Dan krijgt de ontvanger één bericht "opgevolgd" over "aanbeveling 11 van Beveiliging Militaire Objecten"
    En is dat bericht ondertekend met het geheim van de ontvanger
    En noemt dat bericht de toelichting "Aanpassingen opgenomen in de vastgoedprojecten"

  Scenario: Een opmerking gaat niet naar een ontvanger die alleen "opgevolgd" wil
    Gegeven de beheerder heeft de ontvanger aangemeld voor "opgevolgd"
    En ik ben aangemeld als eigenaar van "Beveiliging Militaire Objecten"
    Als ik bij "aanbeveling 11 van Beveiliging Militaire Objecten" "Opmerking plaatsen" vastleg met toelichting "Voortgang besproken"
    En de webhooks worden bezorgd
    Dan krijgt de ontvanger geen bericht
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" als "opgevolgd" meld met toelichting "Aanpassingen opgenomen in de vastgoedprojecten"
    En de webhooks worden bezorgd
    Dan krijgt de ontvanger één bericht "opgevolgd" over "aanbeveling 11 van Beveiliging Militaire Objecten"

  Scenario: Een ontvanger die even onbereikbaar is, krijgt het bericht later alsnog
    Gegeven de beheerder heeft de ontvanger aangemeld voor "opgevolgd"
    En de ontvanger is onbereikbaar
    En ik ben aangemeld als eigenaar van "Beveiliging Militaire Objecten"
    Als ik "aanbeveling 11 van Beveiliging Militaire Objecten" als "opgevolgd" meld met toelichting "Aanpassingen opgenomen in de vastgoedprojecten"
    En de webhooks worden bezorgd
    Dan ziet de beheerder bij de ontvanger de fout "niet bereikbaar" en 1 wachtend bericht
    Als de ontvanger weer luistert
    En de webhooks worden bezorgd
    Dan krijgt de ontvanger één bericht "opgevolgd" over "aanbeveling 11 van Beveiliging Militaire Objecten"
    En ziet de beheerder bij de ontvanger geen fout en geen wachtend bericht

  Scenario: Alleen een http- of https-adres
    Gegeven ik ben aangemeld als beheerder
    Als ik een ontvanger aanmeld op "ftp://ontvanger.mindef.example.nl/webhook"
    Dan wordt dat geweigerd met de melding "toegestaan is alleen een http- of https-adres"

  Scenario: Alleen een beheerder meldt ontvangers aan
    Gegeven ik ben aangemeld als eigenaar van "Munitiebeheer"
    Als ik de ontvanger aanmeld voor "opgevolgd"
    Dan wordt dat geweigerd met de melding "Alleen een beheerder beheert webhooks"
