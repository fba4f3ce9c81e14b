import { SaxesParser, type SaxesTagNS } from "saxes";

/** One element of a parsed XML document, with its namespace resolved. */
export interface XmlElement {
  /** Local name, e.g. "encoded" for content:encoded. */
  local: string;
  /** Namespace URI ("" for none). */
  uri: string;
  /** The name as written, e.g. "content:encoded". */
  name: string;
  /** Attributes by local name (namespaced ones also by their written name). */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** False when the document ended before the element was closed (truncated input). */
  complete: boolean;
}

export type XmlNode = XmlElement | string;

export interface XmlDocument {
  root: XmlElement | null;
  /** Well-formedness problems met on the way; parsing went on after each. */
  errors: string[];
}

/** Entities common in feeds that are not XML's own: read as their characters, never from a DTD. */
const HTML_ENTITIES: Record<string, string> = {
  nbsp: "\u00a0", copy: "©", reg: "®", trade: "™", hellip: "…", mdash: "—", ndash: "–", lsquo: "‘", rsquo: "’",
  ldquo: "“", rdquo: "”", laquo: "«", raquo: "»", bdquo: "„", sbquo: "‚", euro: "€", pound: "£", yen: "¥", cent: "¢",
  middot: "·", bull: "•", deg: "°", times: "×", shy: "\u00ad", auml: "ä", ouml: "ö", uuml: "ü", Auml: "Ä", Ouml: "Ö",
  Uuml: "Ü", szlig: "ß", eacute: "é", egrave: "è", ecirc: "ê", aacute: "á", agrave: "à", acirc: "â", iacute: "í",
  oacute: "ó", uacute: "ú", ntilde: "ñ", ccedil: "ç", Eacute: "É", atilde: "ã", otilde: "õ", ocirc: "ô", iexcl: "¡", iquest: "¿",
};

const MAX_ERRORS = 50;
const MAX_DEPTH = 200;
/** Thrown from a parser event to end the parse at once (the depth limit). */
class StopParsing extends Error {}

/**
 * Parses XML into a tree without ever reading a DTD: entities other than XML's five, the
 * numeric ones and a fixed list of HTML names are left as literal text, so external
 * entities cannot reach the file system or the network and entity bombs cannot expand.
 * Errors do not stop the parse: what was read stays, and unclosed elements are marked.
 */
export function parseXml(text: string): XmlDocument {
  const parser = new SaxesParser({ xmlns: true, position: true });
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const errors: string[] = [];
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  let stopped = false;

  parser.on("error", (error) => {
    if (errors.length < MAX_ERRORS) errors.push(error.message);
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (stopped) return;
    const attrs: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === "xmlns" || attr.name === "xmlns") continue;
      attrs[attr.local] ??= attr.value;
      if (attr.prefix) attrs[attr.name] = attr.value;
    }
    const element: XmlElement = { local: tag.local, uri: tag.uri, name: tag.name, attrs, children: [], complete: tag.isSelfClosing };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (!root) root = element;
    else return; // a second root element: ignored
    if (!tag.isSelfClosing) stack.push(element);
    if (stack.length > MAX_DEPTH) {
      errors.push(`elements nested deeper than ${MAX_DEPTH} levels`);
      stopped = true;
      // Nothing after this point is read: the rest of the document never reaches the parser.
      throw new StopParsing();
    }
  });
  parser.on("closetag", (tag) => {
    if (stopped || tag.isSelfClosing) return;
    const element = stack.pop();
    if (element) element.complete = true;
  });
  const addText = (value: string) => {
    const parent = stack[stack.length - 1];
    if (!parent || stopped) return;
    const last = parent.children[parent.children.length - 1];
    if (typeof last === "string") parent.children[parent.children.length - 1] = last + value;
    else parent.children.push(value);
  };
  parser.on("text", addText);
  parser.on("cdata", addText);

  try {
    parser.write(escapeStrayAmpersands(text));
    parser.close();
  } catch (error) {
    if (!(error instanceof StopParsing)) errors.push((error as Error).message);
  }
  return { root, errors };
}

/**
 * Feeds in the wild write "Q&A" unescaped; an `&` that does not start a reference is read
 * as a literal ampersand instead of swallowing the rest of the document (CDATA left alone).
 */
function escapeStrayAmpersands(text: string): string {
  if (!text.includes("&")) return text;
  // CDATA sections are found with indexOf, not a lazy regex: an unclosed "<![CDATA[" repeated
  // thousands of times would make such a regex rescan the rest of the document each time.
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf("<![CDATA[", at);
    const close = open === -1 ? -1 : text.indexOf("]]>", open + 9);
    if (close === -1) {
      parts.push(escapeAmpersands(text.slice(at)));
      break;
    }
    parts.push(escapeAmpersands(text.slice(at, open)), text.slice(open, close + 3));
    at = close + 3;
  }
  return parts.join("");
}

function escapeAmpersands(text: string): string {
  return text.replace(/&(?!(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][\w.-]{0,31});)/g, "&amp;");
}

/** The child elements of an element, optionally only those with a local name (and namespace). */
export function childElements(element: XmlElement, local?: string, uri?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child === "string") continue;
    if (local !== undefined && child.local !== local) continue;
    if (uri !== undefined && child.uri !== uri) continue;
    out.push(child);
  }
  return out;
}

/** The first child element with a local name (and namespace), or undefined. */
export function child(element: XmlElement, local: string, uri?: string): XmlElement | undefined {
  return childElements(element, local, uri)[0];
}

/** All text inside an element, markup left out. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return "";
  return element.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

/** The markup inside an element, written back as HTML (for Atom's type="xhtml" content). */
export function innerXml(element: XmlElement): string {
  return element.children
    .map((c) => {
      if (typeof c === "string") return escapeText(c);
      const attrs = Object.entries(c.attrs)
        .filter(([key]) => !key.includes(":") && key !== "xmlns")
        .map(([key, value]) => ` ${key}="${escapeAttr(value)}"`)
        .join("");
      return `<${c.local}${attrs}>${innerXml(c)}</${c.local}>`;
    })
    .join("");
}
