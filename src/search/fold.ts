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

/** The text of an HTML fragment: inline tags dropped, block tags a space, common entities decoded, white space folded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<\/?(a|abbr|b|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>/gi, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (entity) => decodeEntity(entity))
    .replace(/\s+/g, " ")
    .trim();
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntity(entity: string): string {
  const name = entity.slice(1, -1).toLowerCase();
  const code = name.startsWith("#x") ? parseInt(name.slice(2), 16) : name.startsWith("#") ? Number(name.slice(1)) : -1;
  if (code >= 0) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
  return NAMED[name] ?? entity;
}
