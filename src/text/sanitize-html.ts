import sanitize from "sanitize-html";
import { limitHtmlNesting } from "./html-nesting";

/** Hosts whose embedded players may stay in an article body. */
const IFRAME_HOSTS = ["www.youtube-nocookie.com", "www.youtube.com", "player.vimeo.com"];

const OPTIONS: sanitize.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "mark",
    "a", "img", "figure", "figcaption", "picture", "source", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "abbr", "cite", "q", "time", "iframe",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "target"],
    img: ["src", "srcset", "alt", "title", "width", "height"],
    source: ["srcset", "type", "media"],
    iframe: ["src", "width", "height", "allowfullscreen", "title"],
    time: ["datetime"],
    abbr: ["title"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https", "data"] },
  allowedIframeHostnames: IFRAME_HOSTS,
  allowProtocolRelative: false,
  // An iframe whose host is not allowed loses its src: drop the empty frame too.
  exclusiveFilter: (frame) => frame.tag === "iframe" && !frame.attribs.src,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: Object.assign({}, attribs, { rel: "noopener noreferrer" }) }),
  },
};

/**
 * Cleans HTML with an allow-list: no scripts, styles, event handlers, javascript: URLs
 * or iframes from unknown hosts; links get rel="noopener noreferrer". Relative URLs are
 * resolved against `baseUrl` when one is given. Elements nested deeper than MAX_HTML_DEPTH
 * lose their tags (not their text) first, so that no fragment can make the parser crawl.
 */
export function sanitizeHtml(dirty: string, baseUrl?: string): string {
  const html = limitHtmlNesting(dirty);
  if (!baseUrl) return sanitize(html, OPTIONS).trim();
  const resolve = (attribs: sanitize.Attributes, key: string): sanitize.Attributes => {
    if (attribs[key] === undefined) return attribs;
    try {
      return Object.assign({}, attribs, { [key]: new URL(attribs[key], baseUrl).toString() });
    } catch {
      return attribs;
    }
  };
  const transformTags: sanitize.IOptions["transformTags"] = {
    a: (tagName, attribs) => ({ tagName, attribs: Object.assign({}, resolve(attribs, "href"), { rel: "noopener noreferrer" }) }),
    img: (tagName, attribs) => ({ tagName, attribs: resolve(attribs, "src") }),
  };
  return sanitize(html, Object.assign({}, OPTIONS, { transformTags })).trim();
}
