import { isIP } from "node:net";

/** Whose budget a request spends: an API key's or an address's. */
export interface ClientIdentity {
  kind: "key" | "address";
  /** The store key: "key:<api key id>" or "ip:<address>" (an IPv6 client by its /64). */
  id: string;
}

/** What a request tells about its sender. */
export interface RequestOrigin {
  /** The id of the live API key the request presented, once verified; null or absent otherwise. */
  keyId?: number | null;
  forwardedFor?: string | string[];
  /** The peer address of the connection. */
  remoteAddress?: string;
}

/**
 * Names the budget a request spends. A request that presented a live API key spends that
 * key's budget; any other request, one with an unknown or revoked key included, spends the
 * budget of its address, so that made-up tokens buy nothing. The address is the
 * connection's peer unless `trustProxy` proxies stand in front: then it is the entry that
 * many places from the right of X-Forwarded-For, the one the outermost trusted proxy saw,
 * which a client cannot forge by sending its own header.
 */
export function identifyClient(origin: RequestOrigin, trustProxy: number): ClientIdentity {
  if (origin.keyId != null) return { kind: "key", id: `key:${origin.keyId}` };
  return { kind: "address", id: `ip:${addressKey(clientAddress(origin, trustProxy))}` };
}

function clientAddress(origin: RequestOrigin, trustProxy: number): string {
  const peer = origin.remoteAddress ?? "unknown";
  if (trustProxy <= 0) return peer;
  const header = Array.isArray(origin.forwardedFor) ? origin.forwardedFor.join(",") : (origin.forwardedFor ?? "");
  const chain = [...header.split(",").map((entry) => entry.trim()).filter(Boolean), peer];
  const candidate = chain[Math.max(0, chain.length - 1 - trustProxy)];
  return isIP(candidate) ? candidate : peer;
}

/** IPv4-mapped addresses as IPv4; IPv6 by its /64, the block one subscriber usually holds. */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1];
  if (isIP(plain) !== 6) return plain;
  const [head, tail = ""] = plain.split("::");
  const left = head ? head.split(":") : [];
  const right = plain.includes("::") && tail ? tail.split(":") : [];
  const groups = plain.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
