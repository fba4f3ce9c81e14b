const GERMAN: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss", ẞ: "SS" };

/**
 * A lower-case ASCII slug: German umlauts and ß transliterated (Großstädte → grossstaedte),
 * other accents dropped, every other run of characters a single hyphen.
 */
export function slugify(text: string, maxLength = 120): string {
  const ascii = text
    .replace(/[äöüÄÖÜßẞ]/g, (c) => GERMAN[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, maxLength).replace(/-+$/, "");
}
