/**
 * Folds text for search so that the spellings people type find each other: case, accents,
 * ß/ss and the German umlaut transliterations all meet. "Großstädte", "grossstadte",
 * "Grossstaedte" and "GROSSSTÄDTE" fold alike ("grossstadte"); "München" and "munchen"
 * alike ("munchen"). Index and query are folded with the same function.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u");
}
