import { parseAtom } from "./atom";
import { sniffDocument, xmlFeedKind } from "./detect-format";
import { parseJsonFeed } from "./json-feed";
import { FeedParseError, type ParsedFeed } from "./parsed-feed";
import { parseRss } from "./rss";
import { parseXml } from "./xml-tree";

/**
 * Parses a decoded feed of any supported format, chosen by its content. A malformed
 * document yields the items that were complete, with a warning; one that yields nothing
 * readable fails with a FeedParseError that says why.
 */
export function parseFeed(text: string): ParsedFeed {
  const kind = sniffDocument(text);
  if (kind === "json") return noteUnread(parseJsonFeed(text));
  if (kind === "html") throw new FeedParseError("not a feed: the address serves an HTML page; use the feed's own URL (see the page's <link rel=\"alternate\">)");
  if (kind === "unknown") throw new FeedParseError(text.trim() ? "not a feed: the document is neither XML nor JSON" : "not a feed: the document is empty");
  const { root, errors } = parseXml(text);
  if (!root) throw new FeedParseError(`malformed XML: ${errors[0] ?? "no root element"}`);
  const feedKind = xmlFeedKind(root);
  if (!feedKind) throw new FeedParseError(`not a feed: the root element is <${root.name}>, expected <rss>, <rdf:RDF> or <feed>`);
  const feed = feedKind === "rss" ? parseRss(root) : parseAtom(root);
  // Entities and prefixes a feed forgot to declare are read anyway: not worth a warning.
  const fatal = errors.filter((e) => !/undefined entity|unbound namespace prefix/.test(e));
  if (fatal.length) {
    if (feed.items.length === 0 && (!root.complete || !feed.title)) throw new FeedParseError(`malformed XML: ${fatal[0]}`);
    feed.warnings.push(`malformed XML (${fatal.length} problem${fatal.length > 1 ? "s" : ""}, first: ${fatal[0]}); kept the ${feed.items.length} complete item${feed.items.length === 1 ? "" : "s"}`);
  }
  return noteUnread(feed);
}

/** Says so when the document holds items and none could be read. */
function noteUnread(feed: ParsedFeed): ParsedFeed {
  const held = feed.itemsInDocument ?? 0;
  if (feed.items.length === 0 && held > 0) feed.warnings.push(`the feed holds ${held} item${held === 1 ? "" : "s"} but none could be read`);
  return feed;
}
