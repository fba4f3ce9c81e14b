/** Words for generated German-like news: enough variety for realistic search and facets. */
export const NOUNS = [
  "Stadt", "Rathaus", "Bürgerschaft", "Verkehr", "Straßenbahn", "Bahnhof", "Schule", "Kita", "Klimaschutz", "Energie",
  "Wohnungsbau", "Innenstadt", "Großstädte", "Hafen", "Kultur", "Museum", "Theater", "Sport", "Stadion", "Verein",
  "Polizei", "Feuerwehr", "Gesundheit", "Krankenhaus", "Wirtschaft", "Handwerk", "Einzelhandel", "Markt", "Park", "Umwelt",
  "Wasser", "Abfall", "Radweg", "Baustelle", "Brücke", "Haushalt", "Integration", "Familie", "Jugend", "Senioren",
  "Europa", "Partnerstadt", "Wahl", "Ausstellung", "Konzert", "Festival", "Bibliothek", "Universität", "Forschung", "Digitalisierung",
  "Tourismus", "Gastronomie", "Zoo", "Wetter", "Unwetter", "Sicherheit", "Ehrenamt", "Nachbarschaft", "Stadtteil", "Zukunft",
  "München", "Köln", "Düsseldorf", "Münster", "Essen", "Bochum", "Nürnberg", "Lübeck", "Göttingen", "Würzburg",
];
export const ADJECTIVES = [
  "neue", "große", "kleine", "grüne", "moderne", "historische", "europäische", "städtische", "öffentliche", "digitale",
  "nachhaltige", "schnelle", "sichere", "gemeinsame", "jährliche", "erste", "letzte", "wichtige", "lokale", "soziale",
];
export const VERBS = [
  "eröffnet", "plant", "startet", "feiert", "diskutiert", "beschließt", "fördert", "erweitert", "prüft", "stellt vor",
  "sucht", "verbessert", "baut", "saniert", "unterstützt", "ehrt", "informiert über", "lädt ein zu", "begrüßt", "erneuert",
];
export const CATEGORIES = [
  "Internationales", "Politik", "Verkehr", "Kultur", "Sport", "Wirtschaft", "Umwelt", "Bildung", "Soziales", "Sicherheit", "Freizeit", "Gesundheit",
];
export const CREDITS = ["Stadt Dortmund / Roland Gorecki", "Stadt Dortmund / Christian Schön", "Pressestelle", "Stadtarchiv", "Nina Berger", "Tobias Jung"];
