import { addressKey, identifyClient, MemoryRateLimitStore, rateLimitMessage, RateLimiter, type ClientIdentity } from "../../src/http/rate-limit";

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const anonymous: ClientIdentity = { kind: "address", id: "ip:192.0.2.1" };
const keyed: ClientIdentity = { kind: "key", id: "key:abc" };

function limiterAt(config = { points: 100, keyPoints: 1000, windowSeconds: 60 }) {
  let now = START;
  const store = new MemoryRateLimitStore(3);
  const limiter = new RateLimiter(config, store, () => now);
  return { limiter, store, advance: (ms: number) => (now += ms) };
}

describe("RateLimiter", () => {
  it("charges costs within the budget and refuses, without charging, what does not fit", async () => {
    const { limiter } = limiterAt();
    expect(await limiter.charge(anonymous, 60)).toEqual({ allowed: true, limit: 100, used: 60, remaining: 40, resetAt: START + 60_000 });
    expect(await limiter.charge(anonymous, 50)).toEqual({ allowed: false, limit: 100, used: 60, remaining: 40, resetAt: START + 60_000 });
    expect(await limiter.charge(anonymous, 40)).toEqual({ allowed: true, limit: 100, used: 100, remaining: 0, resetAt: START + 60_000 });
    expect(await limiter.status(anonymous)).toEqual({ limit: 100, used: 100, remaining: 0, resetAt: START + 60_000 });
  });

  it("charges at least one point", async () => {
    const { limiter } = limiterAt();
    expect((await limiter.charge(anonymous, 0)).used).toBe(1);
    expect((await limiter.charge(anonymous, 0.2)).used).toBe(2);
  });

  it("gives API keys their own, larger budget", async () => {
    const { limiter } = limiterAt();
    await limiter.charge(anonymous, 100);
    expect(await limiter.charge(keyed, 500)).toEqual(expect.objectContaining({ allowed: true, limit: 1000, used: 500 }));
  });

  it("makes the budget whole when the window that began with the first charge ends", async () => {
    const { limiter, advance } = limiterAt();
    advance(5_000);
    await limiter.charge(anonymous, 100);
    advance(59_999);
    expect(await limiter.charge(anonymous, 1)).toEqual(expect.objectContaining({ allowed: false, resetAt: START + 65_000 }));
    advance(1);
    expect(await limiter.charge(anonymous, 1)).toEqual({ allowed: true, limit: 100, used: 1, remaining: 99, resetAt: START + 125_000 });
  });

  it("reports a fresh window for a client it has not seen, and keeps nothing for it", async () => {
    const { limiter, store } = limiterAt();
    expect(await limiter.status(anonymous)).toEqual({ limit: 100, used: 0, remaining: 100, resetAt: START + 60_000 });
    expect(store.size).toBe(0);
  });

  it("sweeps ended windows and caps the number of clients kept", async () => {
    const { limiter, store, advance } = limiterAt();
    for (let i = 0; i < 5; i++) await limiter.charge({ kind: "address", id: `ip:10.0.0.${i}` }, 1);
    expect(store.size).toBe(3);
    advance(61_000);
    await limiter.charge(anonymous, 1);
    expect(store.size).toBe(1);
  });

  it("says when to retry, and when a request can never fit", () => {
    const usage = { limit: 50, used: 45, remaining: 5, resetAt: START + 90_000 };
    expect(rateLimitMessage(usage, START, 20)).toBe(
      "Rate limit exceeded: This request costs 20 points but only 5 of 50 remain in this window. Retry after 90 s (at 2025-01-01T12:01:30.000Z), when the budget is whole again.",
    );
    expect(rateLimitMessage({ ...usage, used: 50, remaining: 0 }, START, null)).toBe(
      "Rate limit exceeded: All 50 points of this window are spent. Retry after 90 s (at 2025-01-01T12:01:30.000Z), when the budget is whole again.",
    );
    expect(rateLimitMessage(usage, START, 120)).toBe(
      "This request costs 120 points, more than the whole budget of 50 points per window; ask for smaller pages (first/last) or fewer nested lists.",
    );
  });
});

describe("identifyClient", () => {
  it("spends a live key's budget by its id, and anything else by address", () => {
    expect(identifyClient({ keyId: 7, remoteAddress: "192.0.2.1" }, 0)).toEqual({ kind: "key", id: "key:7" });
    expect(identifyClient({ keyId: null, remoteAddress: "192.0.2.1" }, 0)).toEqual({ kind: "address", id: "ip:192.0.2.1" });
    expect(identifyClient({ remoteAddress: "192.0.2.1" }, 0)).toEqual({ kind: "address", id: "ip:192.0.2.1" });
  });

  it("believes X-Forwarded-For only as far as TRUST_PROXY says", () => {
    const origin = { forwardedFor: "203.0.113.9, 198.51.100.7", remoteAddress: "10.0.0.1" };
    expect(identifyClient(origin, 0).id).toBe("ip:10.0.0.1");
    expect(identifyClient(origin, 1).id).toBe("ip:198.51.100.7");
    expect(identifyClient(origin, 2).id).toBe("ip:203.0.113.9");
    expect(identifyClient(origin, 5).id).toBe("ip:203.0.113.9");
    expect(identifyClient({ forwardedFor: "not-an-address", remoteAddress: "10.0.0.1" }, 1).id).toBe("ip:10.0.0.1");
  });

  it("counts IPv4-mapped addresses as IPv4 and IPv6 clients by their /64", () => {
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("2001:db8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0db8:0000:0001:ffff:ffff:ffff:ffff")).toBe("2001:db8:0:1::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});
