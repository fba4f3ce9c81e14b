import { Parser } from "htmlparser2";
import { limitHtmlNesting } from "../text/html-nesting";
import { resolveUrl } from "./canonical-url";

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

export interface HtmlParts {
  /** The first <img> with a usable src, and its alt text. */
  firstImage: { url: string; alt: string | null } | null;
  /** Every <a href> to an http(s) address, in page order, with its text. */
  links: { url: string; label: string | null }[];
}

/** The first image and the links of an HTML fragment, their URLs resolved against `base`. */
export function htmlParts(html: string | null | undefined, base: string | null): HtmlParts {
  const result: HtmlParts = { firstImage: null, links: [] };
  if (!html || !/<(img|a)\b/i.test(html)) return result;
  let open: { url: string; text: string[] } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "img" && !result.firstImage) {
          const url = resolveUrl(attrs.src, base);
          if (url) result.firstImage = { url, alt: attrs.alt?.trim() || null };
        } else if (name === "a") {
          const url = resolveUrl(attrs.href, base);
          open = url ? { url, text: [] } : null;
        }
      },
      ontext(text) {
        open?.text.push(text);
      },
      onclosetag(name) {
        if (name !== "a" || !open) return;
        result.links.push({ url: open.url, label: open.text.join("").replace(/\s+/g, " ").trim() || null });
        open = null;
      },
    },
    { decodeEntities: true },
  );
  parser.write(limitHtmlNesting(html));
  parser.end();
  return result;
}
