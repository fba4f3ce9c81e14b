import { Parser } from "htmlparser2";
import { limitHtmlNesting } from "../text/html-nesting";
import { resolveUrl } from "./canonical-url";

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
