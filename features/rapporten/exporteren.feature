# language: nl
Functionaliteit: Rapporten exporteren naar Excel
  Als lid van de Bestuursraad
  wil ik een rapport downloaden dat in Excel meteen als tabel opent
  zodat ik met de cijfers kan rekenen zonder ze over te typen

  De standaard-CSV is voor Excel in het Nederlands: puntkomma's tussen de kolommen, decimale komma's,
  datums als dd-mm-jjjj, en een UTF-8-kenmerk zodat Excel de accenten goed leest. Wie komma's en decimale
  punten nodig heeft (een script, een Engelstalige Excel), kiest "CSV internationaal": één kolom per veld,
  zoals de API de rijen geeft.

  Achtergrond:
    Gegeven de gegevens uit de Stand van Defensie zijn geladen
    En het is vandaag 28 november 2026
    En ik ben aangemeld als lid van de Bestuursraad

  Scenario: De standaard-CSV opent in Excel als kolommen met decimale komma's
    Als ik bij het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 de download "CSV" kies
    Dan zijn de kolommen gescheiden door puntkomma's, met dezelfde cellen als de tabel op de pagina
    En staat in de download bij "Informatiehuishouding - realisatiescore" onder "2025" "2,7"
    En begint de download met het UTF-8-kenmerk en eindigt elke regel op CR LF

  Scenario: De internationale CSV heeft komma's en decimale punten
    Als ik bij het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 de download "CSV internationaal" kies
    Dan staat in de download met komma's in de rij met jaar "2025" onder "realisatie" "2.7"

  Scenario: De Excel-werkmap rekent met getallen en houdt de kopregel in beeld
    Als ik bij het rapport "Defensie Open op Orde (7.2)" op peildatum 31 december 2025 de download "Excel (XLSX)" kies
    Dan staat in de werkmap bij "Informatiehuishouding - realisatiescore" onder "2025" het getal 2,7 met opmaak "0.0"
    En blijft de kopregel van de werkmap in beeld, met een filter
