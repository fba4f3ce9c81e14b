/**
 * How deep elements of an HTML fragment may nest before the HTML parser sees them. The
 * parser behind sanitize-html and htmlToText keeps its open elements in an array it shifts
 * at the front, so each start tag costs as much as the depth: 200,000 unclosed <b> took
 * minutes. No article nests this deep.
 */
export const MAX_HTML_DEPTH = 256;

/** Elements that never hold others. */
const VOID = new Set([
  "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen",
  "link", "meta", "param", "source", "track", "wbr",
]);
/** Elements whose content is text up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);
const BLOCKS_CLOSING_P = [
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details", "div", "dl",
  "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul",
];
/**
 * Start tags that close an open element on top of the stack, a subset of the parser's own
 * rules: closing fewer elements than the parser only ever overestimates the depth.
 */
const IMPLIED_CLOSE = new Map<string, Set<string>>([
  ["li", new Set(["li"])],
  ["tr", new Set(["tr", "th", "td"])],
  ["td", new Set(["th", "td"])],
  ["th", new Set(["th"])],
  ["dd", new Set(["dd", "dt"])],
  ["dt", new Set(["dd", "dt"])],
  ["option", new Set(["option"])],
]);
for (const name of BLOCKS_CLOSING_P) IMPLIED_CLOSE.set(name, new Set(["p"]));
const FOREIGN = new Set(["svg", "math"]);
const INTEGRATION = new Set(["mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title"]);

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/**
 * The fragment with start tags deeper than `maxDepth` (and as many end tags after them)
 * left out, their text kept; a fragment that never nests that deep comes back as it is.
 * One pass over the text, tokenized as the HTML parser does (comments, raw-text elements,
 * quoted attributes, implied ends, self-closing tags inside SVG and MathML).
 */
export function limitHtmlNesting(html: string, maxDepth = MAX_HTML_DEPTH): string {
  let tags = 0;
  for (let at = html.indexOf("<"); at !== -1 && tags <= maxDepth; at = html.indexOf("<", at + 1)) tags++;
  if (tags <= maxDepth) return html;

  const lower = html.toLowerCase();
  const n = html.length;
  const stack: string[] = [];
  const foreign: boolean[] = [];
  let overflow = 0;
  const kept: string[] = [];
  let copiedTo = 0;
  const drop = (from: number, to: number) => {
    kept.push(html.slice(copiedTo, from));
    copiedTo = to;
  };
  const nameEnd = (from: number) => {
    let j = from;
    while (j < n && !isSpace(html.charCodeAt(j)) && html[j] !== "/" && html[j] !== ">") j++;
    return j;
  };

  let i = html.indexOf("<");
  while (i !== -1 && i < n) {
    const next = html.charCodeAt(i + 1);
    if (lower.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      if (end === -1) break;
      i = html.indexOf("<", end + 3);
    } else if (next === 33 /* ! */ || next === 63 /* ? */) {
      const end = html.indexOf(">", i + 2);
      if (end === -1) break;
      i = html.indexOf("<", end + 1);
    } else if (next === 47 /* / */ && isLetter(html.charCodeAt(i + 2))) {
      const name = lower.slice(i + 2, nameEnd(i + 2));
      const close = html.indexOf(">", i + 2);
      if (close === -1) break;
      if (overflow > 0) {
        overflow--;
        drop(i, close + 1);
      } else {
        const open = stack.lastIndexOf(name);
        if (open !== -1) {
          stack.length = open;
          foreign.length = open;
        }
      }
      i = html.indexOf("<", close + 1);
    } else if (isLetter(next)) {
      const end = nameEnd(i + 1);
      const name = lower.slice(i + 1, end);
      const close = endOfStartTag(html, end);
      if (close === -1) break;
      const selfClosing = html[close - 1] === "/" && (foreign[foreign.length - 1] ?? false);
      if (RAW_TEXT.has(name) && !selfClosing) {
        // Text up to the end tag, never nested: the element leaves the stack as it was.
        const endTag = lower.indexOf(`</${name}`, close + 1);
        const after = endTag === -1 ? -1 : html.indexOf(">", endTag);
        if (after === -1) break;
        i = html.indexOf("<", after + 1);
        continue;
      }
      if (!VOID.has(name) && !selfClosing) {
        const implied = IMPLIED_CLOSE.get(name);
        while (implied && overflow === 0 && stack.length > 0 && implied.has(stack[stack.length - 1])) {
          stack.pop();
          foreign.pop();
        }
        if (overflow === 0 && stack.length < maxDepth) {
          const parent = foreign[foreign.length - 1] ?? false;
          stack.push(name);
          foreign.push(FOREIGN.has(name) ? true : INTEGRATION.has(name) ? false : parent);
        } else {
          overflow++;
          drop(i, close + 1);
        }
      }
      i = html.indexOf("<", close + 1);
    } else {
      i = html.indexOf("<", i + 1);
    }
  }
  if (kept.length === 0) return html;
  kept.push(html.slice(copiedTo));
  return kept.join("");
}

/** The index of the `>` ending a start tag whose name ends at `from`, quoted values skipped; -1 if none. */
function endOfStartTag(html: string, from: number): number {
  const n = html.length;
  let i = from;
  while (i < n) {
    const c = html[i];
    if (c === ">") return i;
    if (c === "=") {
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, i + 1);
        if (end === -1) return -1;
        i = end + 1;
        continue;
      }
      continue;
    }
    i++;
  }
  return -1;
}
