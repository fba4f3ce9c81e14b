import { Parser } from "htmlparser2";
import { limitHtmlNesting } from "./html-nesting";

const BLOCK = new Set(["p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figure", "figcaption"]);
const SKIP = new Set(["script", "style", "noscript", "template"]);

/** Plain text of an HTML fragment: entities decoded, scripts and styles dropped, whitespace collapsed. */
export function htmlToText(html: string | null | undefined): string | null {
  if (!html) return null;
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, " ").trim() || null;
  const parts: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) parts.push(" ");
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) parts.push(" ");
      },
      ontext(text) {
        if (!skipping) parts.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(limitHtmlNesting(html));
  parser.end();
  return parts.join("").replace(/\s+/g, " ").trim() || null;
}
