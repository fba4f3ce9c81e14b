import { mediaImages } from "./media";
import { NS, inNs } from "./namespaces";
import type { ParsedFeed, ParsedItem } from "./parsed-feed";
import { childElements, innerXml, textOf, type XmlElement } from "./xml-tree";

/** Atom children: in the Atom namespace, or in none when a feed forgot to declare it. */
function atomChildren(parent: XmlElement, local: string): XmlElement[] {
  return childElements(parent, local).filter((c) => !c.uri || inNs(c, NS.atom));
}
const atomChild = (parent: XmlElement, local: string) => atomChildren(parent, local)[0];

/** The text of an Atom text construct, and whether it is HTML (type="html" or "xhtml"). */
function construct(element: XmlElement | undefined): { value: string | null; html: boolean } {
  if (!element) return { value: null, html: false };
  const type = (element.attrs.type ?? "text").toLowerCase();
  if (type === "xhtml") {
    const div = childElements(element, "div")[0];
    const value = (div ? innerXml(div) : innerXml(element)).trim();
    return { value: value || null, html: true };
  }
  const value = textOf(element).trim();
  return { value: value || null, html: type === "html" || type === "text/html" };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An Atom text construct as HTML: plain text is escaped so that it stays text. */
function asHtml(element: XmlElement | undefined): string | null {
  const { value, html } = construct(element);
  return value === null ? null : html ? value : escapeHtml(value);
}

/** The alternate link of an entry or feed (rel="alternate" or none), preferring HTML. */
function alternateLink(parent: XmlElement): string | null {
  const links = atomChildren(parent, "link").filter((l) => !l.attrs.rel || l.attrs.rel === "alternate");
  const best = links.find((l) => !l.attrs.type || /html/i.test(l.attrs.type)) ?? links[0];
  return best?.attrs.href?.trim() || null;
}

function authorOf(parent: XmlElement): string | null {
  const names = atomChildren(parent, "author").map((a) => textOf(atomChild(a, "name")).trim() || textOf(a).trim()).filter(Boolean);
  return names.length ? names.join(", ") : null;
}

/** Reads an Atom 1.0 feed, with the media: extension (YouTube and others). */
export function parseAtom(root: XmlElement): ParsedFeed {
  const feedAuthor = authorOf(root);
  const language = root.attrs["xml:lang"] ?? root.attrs.lang ?? null;
  return {
    format: "atom-1.0",
    title: construct(atomChild(root, "title")).value,
    link: alternateLink(root),
    language,
    ttlMinutes: null,
    items: atomChildren(root, "entry")
      .filter((entry) => entry.complete)
      .map((entry) => parseEntry(entry, feedAuthor)),
    warnings: [],
  };
}

function parseEntry(entry: XmlElement, feedAuthor: string | null): ParsedItem {
  const title = construct(atomChild(entry, "title"));
  const content = atomChild(entry, "content");
  return {
    guid: textOf(atomChild(entry, "id")).trim() || null,
    title: title.value,
    titleIsHtml: title.html,
    link: alternateLink(entry),
    summary: asHtml(atomChild(entry, "summary")),
    content: content && !content.attrs.src ? asHtml(content) : null,
    author: authorOf(entry) ?? feedAuthor,
    published: textOf(atomChild(entry, "published")).trim() || textOf(atomChild(entry, "issued")).trim() || null,
    updated: textOf(atomChild(entry, "updated")).trim() || textOf(atomChild(entry, "modified")).trim() || null,
    categories: atomChildren(entry, "category")
      .map((c) => (c.attrs.label ?? c.attrs.term ?? "").trim())
      .filter(Boolean),
    images: mediaImages(entry),
    language: entry.attrs["xml:lang"] ?? null,
  };
}
