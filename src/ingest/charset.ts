import iconv from "iconv-lite";

/** The text of a document and the character set it was read in. */
export interface DecodedText {
  text: string;
  charset: string;
}

/** The charset parameter of a Content-Type header, lower-cased, or null. */
export function charsetOfContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  return match ? match[1].toLowerCase() : null;
}

/**
 * The encoding the first bytes show (XML 1.0 appendix F): a byte-order mark (and its length,
 * to skip), or, without one, the way `<` or `<?` is written in UTF-32 or UTF-16.
 */
export function sniffedCharset(bytes: Buffer): { charset: string; length: number } | null {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (bytes.length >= 4) {
    if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { charset: "utf-32be", length: 4 };
    if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { charset: "utf-32le", length: 4 };
  }
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: "utf-8", length: 3 };
  if (a === 0xfe && b === 0xff) return { charset: "utf-16be", length: 2 };
  if (a === 0xff && b === 0xfe) return { charset: "utf-16le", length: 2 };
  if (bytes.length >= 4) {
    if (a === 0x00 && b === 0x00 && c === 0x00 && d === 0x3c) return { charset: "utf-32be", length: 0 };
    if (a === 0x3c && b === 0x00 && c === 0x00 && d === 0x00) return { charset: "utf-32le", length: 0 };
    if (a === 0x00 && b === 0x3c && c === 0x00 && (d === 0x3f || d === 0x21 || d > 0x40)) return { charset: "utf-16be", length: 0 };
    if (a === 0x3c && b === 0x00 && (c === 0x3f || c === 0x21 || c > 0x40) && d === 0x00) return { charset: "utf-16le", length: 0 };
  }
  return null;
}

/** UTF-16 and UTF-32 labels: never right for a document whose first bytes are ASCII. */
const isWide = (name: string | null) => name !== null && /^(utf-?(16|32)|ucs-?[24]|unicode)/i.test(name);

/** The encoding of the XML declaration (`<?xml … encoding="…"?>`), lower-cased, or null. */
export function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString("latin1");
  const match = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(head);
  return match ? match[1].toLowerCase() : null;
}

const isUtf8Name = (name: string | null) => name !== null && /^utf-?8$/i.test(name);

/** True when the bytes are well-formed UTF-8. */
export function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Latin-1 labels read as Windows-1252, as browsers do: the two differ only in 0x80–0x9F, unused in Latin-1 text. */
function effective(name: string): string {
  return /^(iso-?8859-1|latin-?1|us-ascii|ascii)$/i.test(name) ? "windows-1252" : name;
}

/**
 * Decodes a feed's bytes in the order RFC 7303 and the XML spec (appendix F) give: a
 * byte-order mark wins, then UTF-32 or UTF-16 recognized by how the document's first `<` is
 * written; then the HTTP charset; then the XML declaration; else UTF-8. Where
 * the HTTP charset and the declaration disagree and one of them is UTF-8, whether the bytes
 * are valid UTF-8 settles it, since servers often announce a default that the document
 * contradicts. Bytes that are not valid UTF-8 with nothing declared are read as Windows-1252.
 */
export function decodeFeed(bytes: Buffer, contentType?: string | null): DecodedText {
  const sniffed = sniffedCharset(bytes);
  if (sniffed) return { text: iconv.decode(bytes.subarray(sniffed.length), sniffed.charset).replace(/^\uFEFF/, ""), charset: sniffed.charset };
  const fromHttp = narrow(known(charsetOfContentType(contentType)));
  const fromXml = narrow(known(declaredCharset(bytes)));
  let charset: string;
  if (fromHttp && fromXml && fromHttp !== fromXml && (isUtf8Name(fromHttp) || isUtf8Name(fromXml))) {
    charset = isValidUtf8(bytes) ? "utf-8" : isUtf8Name(fromHttp) ? fromXml : fromHttp;
  } else {
    charset = fromHttp ?? fromXml ?? (isValidUtf8(bytes) ? "utf-8" : "windows-1252");
  }
  if (isUtf8Name(charset) && !isValidUtf8(bytes) && !fromHttp && !fromXml) charset = "windows-1252";
  return { text: iconv.decode(bytes, effective(charset)), charset };
}

/** A UTF-16/32 label on bytes that are not (no mark, no wide `<`) is ignored. */
const narrow = (name: string | null) => (isWide(name) ? null : name);

/** The name when iconv-lite knows the encoding, else null (an unknown label is ignored, not fatal). */
function known(name: string | null): string | null {
  return name && iconv.encodingExists(name) ? name : null;
}
