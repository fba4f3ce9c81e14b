/**
 * The key of an `Authorization: Bearer <key>` header: null without a header, or a message
 * saying what is wrong with a header that is not a bearer key.
 */
export function parseBearer(header: string | undefined): { key: string } | { problem: string } | null {
  if (header === undefined || header.trim() === "") return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header.trim());
  if (!match) return { problem: "the Authorization header must be `Bearer <api key>`" };
  return { key: match[1] };
}
