import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Addresses a feed may never make Newsgate connect to: private, loopback, link-local
 * (which holds the cloud metadata service 169.254.169.254), CGNAT, multicast, reserved
 * and documentation ranges, in IPv4 and IPv6.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15],
  ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128], ["::1", 128], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) {
  FORBIDDEN.addSubnet(net, prefix, "ipv6");
}

/** The IPv4 address inside an IPv6 one that carries it (mapped, compatible, NAT64, 6to4), else null. */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (!groups) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && (groups[5] === 0xffff || groups[5] === 0)) return v4(groups[6], groups[7]); // ::ffff:a.b.c.d, ::a.b.c.d
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6], groups[7]); // 64:ff9b::/96
  if (groups[0] === 0x2002) return v4(groups[1], groups[2]); // 6to4
  return null;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function expandIpv6(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (isIP(text) !== 6) return null;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? 0 : 8 - front.length - back.length;
  return [...front, ...new Array<number>(fill).fill(0), ...back];
}

/** True when an IP address (v4 or v6, in any form Node accepts) lies in a forbidden range. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 4) return FORBIDDEN.check(bare, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(bare);
  if (v4 !== null) return FORBIDDEN.check(v4, "ipv4");
  return FORBIDDEN.check(bare.replace(/%.*$/, ""), "ipv6");
}

/** Hosts and networks (FETCH_ALLOW_HOSTS) that may be reached although private. */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly networks = new BlockList();

  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const [net, bits] = entry.split("/");
      const family = isIP(net.replace(/^\[|\]$/g, ""));
      if (family && bits !== undefined && /^\d+$/.test(bits)) {
        this.networks.addSubnet(net.replace(/^\[|\]$/g, ""), Number(bits), family === 4 ? "ipv4" : "ipv6");
      } else if (family) {
        this.networks.addAddress(net.replace(/^\[|\]$/g, ""), family === 4 ? "ipv4" : "ipv6");
      } else {
        this.hosts.add(entry);
      }
    }
  }

  /** True when the host name itself is listed. */
  allowsHost(hostname: string): boolean {
    return this.hosts.has(hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, ""));
  }

  /** True when the address lies in a listed network or is a listed address. */
  allowsAddress(address: string): boolean {
    const bare = address.replace(/^\[|\]$/g, "");
    const family = isIP(bare);
    if (!family) return false;
    return this.networks.check(bare, family === 4 ? "ipv4" : "ipv6") || this.hosts.has(bare.toLowerCase());
  }
}

/** Thrown when a URL's host resolves to an address Newsgate refuses to reach. */
export class ForbiddenAddressError extends Error {
  override name = "ForbiddenAddressError";
  constructor(host: string, address: string) {
    super(
      `refused to connect to ${host} (${address}): private, loopback, link-local or reserved addresses are not fetched; ` +
        "list the host in FETCH_ALLOW_HOSTS to allow it",
    );
  }
}

/** Throws unless a host given as an IP literal may be reached; host names are checked after DNS (see guardedLookup). */
export function checkLiteralHost(hostname: string, allow: AllowList): void {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (!isIP(bare) || allow.allowsHost(bare) || allow.allowsAddress(bare)) return;
  if (isForbiddenAddress(bare)) throw new ForbiddenAddressError(hostname, bare);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves a host and refuses it when any of its addresses
 * is forbidden. It runs on every connection, so every redirect target is checked after DNS too.
 */
export function guardedLookup(allow: AllowList) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, Object.assign({}, options, { all: true as const }), (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      if (!allow.allowsHost(hostname)) {
        const bad = list.find((a) => !allow.allowsAddress(a.address) && isForbiddenAddress(a.address));
        if (bad) return callback(new ForbiddenAddressError(hostname, bad.address), []);
      }
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
