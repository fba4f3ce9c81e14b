import { escapeHtml } from "../text/escape-html";
import { uniqueAuthors } from "./authors";
import { parseDuration } from "./duration";
import { mediaAttachments, mediaImages } from "./media";
import { NS, inNs, nsChild, unqualified } from "./namespaces";
import type { ParsedAuthor, ParsedFeed, ParsedItem } from "./parsed-feed";
import { baseOf, urlIn } from "./xml-base";
import { childElements, innerXml, textOf, type XmlElement } from "./xml-tree";

/** True for an element of Atom 1.0 or Atom 0.3. */
const isAtom = (c: XmlElement) => inNs(c, NS.atom) || inNs(c, NS.atom03);

/**
 * Atom children: in the Atom (1.0 or 0.3) namespace; with `loose`, also in none (a feed that
 * forgot to declare it) or in the namespace of the parent (a feed in an unexpected one).
 */
function atomChildren(parent: XmlElement, local: string, loose = true): XmlElement[] {
  return childElements(parent, local).filter((c) => isAtom(c) || (loose && (unqualified(c) || (c.uri !== "" && c.uri === parent.uri))));
}
const atomChild = (parent: XmlElement, local: string, loose = true) => atomChildren(parent, local, loose)[0];

/** The text of an Atom text construct (1.0's type, 0.3's MIME types and modes), and whether it is HTML. */
function construct(element: XmlElement | undefined): { value: string | null; html: boolean } {
  if (!element) return { value: null, html: false };
  const type = (element.attrs.type ?? "text").trim().toLowerCase();
  const mode = (element.attrs.mode ?? "").trim().toLowerCase();
  const htmlType = type === "html" || type === "text/html";
  if (mode === "base64") {
    const value = Buffer.from(textOf(element).replace(/\s+/g, ""), "base64").toString("utf8").trim();
    return { value: value || null, html: htmlType || type.includes("xhtml") };
  }
  const markup = childElements(element).length > 0;
  if (mode !== "escaped" && (type === "xhtml" || type === "application/xhtml+xml" || markup)) {
    const divs = childElements(element, "div");
    const only = divs.length === 1 && element.children.every((c) => c === divs[0] || (typeof c === "string" && !c.trim()));
    const value = (only ? innerXml(divs[0]) : innerXml(element)).trim();
    return { value: value || null, html: true };
  }
  const value = textOf(element).trim();
  return { value: value || null, html: htmlType || (mode === "escaped" && type !== "text" && type !== "text/plain") };
}


/** An Atom text construct as HTML: plain text is escaped so that it stays text. */
function asHtml(element: XmlElement | undefined): string | null {
  const { value, html } = construct(element);
  return value === null ? null : html ? value : escapeHtml(value);
}

/**
 * The alternate link of an entry or feed (rel="alternate" or none), preferring HTML, resolved
 * against xml:base. With `loose` false only atom:link counts (inside RSS).
 */
export function alternateLink(parent: XmlElement, base: string | null, loose = false): string | null {
  const links = atomChildren(parent, "link", loose).filter((l) => l.attrs.href?.trim() && (!l.attrs.rel || l.attrs.rel.trim().toLowerCase() === "alternate"));
  const best = links.find((l) => !l.attrs.type || /html/i.test(l.attrs.type)) ?? links[0];
  return best ? urlIn(best, best.attrs.href, base) : null;
}

/** The Atom persons (author or contributor) of an element: name, uri (0.3: url) and email. */
export function atomPeople(parent: XmlElement, role: "author" | "contributor", base: string | null, loose = false): ParsedAuthor[] {
  return uniqueAuthors(
    atomChildren(parent, role, loose).map((person) => {
      const hasParts = childElements(person).length > 0;
      const name = (hasParts ? textOf(atomChild(person, "name")) : textOf(person)).replace(/\s+/g, " ").trim();
      const uri = atomChild(person, "uri") ?? atomChild(person, "url");
      const email = textOf(atomChild(person, "email")).trim();
      const personBase = baseOf(person, base);
      return { name: name || null, url: uri ? urlIn(uri, textOf(uri), personBase) : null, email: email || null };
    }),
  );
}

/** Reads an Atom 1.0 or 0.3 feed, with the media: extension (YouTube and others). */
export function parseAtom(root: XmlElement): ParsedFeed {
  const feedBase = baseOf(root, null);
  const feedAuthors = atomPeople(root, "author", feedBase, true);
  const language = root.attrs["xml:lang"] ?? root.attrs.lang ?? null;
  const entries = atomChildren(root, "entry");
  const complete = entries.filter((entry) => entry.complete);
  const readable = complete.length ? complete : entries.filter((entry) => atomChild(entry, "title") ?? atomChild(entry, "link") ?? atomChild(entry, "id"));
  return {
    format: "atom-1.0",
    title: construct(atomChild(root, "title")).value,
    link: alternateLink(root, feedBase, true),
    language,
    ttlMinutes: null,
    items: readable.map((entry) => parseEntry(entry, feedAuthors, feedBase)),
    itemsInDocument: entries.length,
    warnings: [],
  };
}

const firstText = (...elements: (XmlElement | undefined)[]): string | null => {
  for (const element of elements) {
    const value = textOf(element).trim();
    if (value) return value;
  }
  return null;
};

function parseEntry(entry: XmlElement, feedAuthors: ParsedAuthor[], feedBase: string | null): ParsedItem {
  const base = baseOf(entry, feedBase);
  const title = construct(atomChild(entry, "title"));
  const group = nsChild(entry, "group", NS.media);
  const content = atomChild(entry, "content");
  const summaryElement = atomChild(entry, "summary");
  const mediaDescription = nsChild(entry, "description", NS.media) ?? (group && nsChild(group, "description", NS.media));
  const mediaTitle = firstText(nsChild(entry, "title", NS.media), group && nsChild(group, "title", NS.media));
  const authors = atomPeople(entry, "author", base, true);
  const people = authors.length ? authors : feedAuthors;
  const ownBase = [content, summaryElement].find((e) => e?.attrs["xml:base"] !== undefined);
  return {
    guid: textOf(atomChild(entry, "id")).trim() || null,
    title: title.value ?? mediaTitle,
    titleIsHtml: title.value !== null && title.html,
    link: alternateLink(entry, base, true),
    summary: asHtml(summaryElement) ?? (mediaDescription ? escapeHtml(textOf(mediaDescription).trim()) || null : null),
    content: content && !content.attrs.src ? asHtml(content) : null,
    author: people[0] ? people[0].name ?? people[0].email ?? null : null,
    authors: people,
    published: firstText(atomChild(entry, "published"), atomChild(entry, "issued"), atomChild(entry, "created"), nsChild(entry, "issued", NS.dcterms), nsChild(entry, "created", NS.dcterms), nsChild(entry, "date", NS.dc)),
    updated: firstText(atomChild(entry, "updated"), atomChild(entry, "modified"), nsChild(entry, "modified", NS.dcterms)),
    categories: atomChildren(entry, "category")
      .map((c) => (c.attrs.label ?? c.attrs.term ?? textOf(c)).trim())
      .filter(Boolean),
    images: mediaImages(entry, base),
    attachments: mediaAttachments(entry, base, parseDuration(textOf(nsChild(entry, "duration", NS.itunes)))),
    language: entry.attrs["xml:lang"] ?? null,
    base,
    contentBase: ownBase ? baseOf(ownBase, base) : undefined,
  };
}
