import { ResponseCache, SEEN_ONCE_KEYS, type CachedResponse } from "../../src/cache/response-store";

const answer = (text: string, version = 1): CachedResponse => ({
  body: Buffer.from(text),
  contentType: "application/json",
  cacheControl: "max-age=60, public",
  headers: {},
  encoded: {},
  cost: 1,
  version,
  expires: Number.MAX_SAFE_INTEGER,
});

describe("ResponseCache", () => {
  it("stores an answer the second time it is given, and keeps it while answers given once come and go", () => {
    const cache = new ResponseCache(10_000);
    expect(cache.set("front page", answer("front"))).toBe(false);
    expect(cache.get("front page", 1)).toBeUndefined();
    expect(cache.set("front page", answer("front"))).toBe(true);
    const once = Array.from({ length: 5_000 }, (_, i) => cache.set(`once ${i}`, answer(`page ${i}`)));
    expect(once.filter(Boolean)).toEqual([]);
    expect(cache.get("front page", 1)?.body.toString()).toBe("front");
  });

  it("stores an answer again at once after a write retired the one it had", () => {
    const cache = new ResponseCache(10_000);
    cache.set("front page", answer("before"));
    cache.set("front page", answer("before"));
    expect(cache.get("front page", 2)).toBeUndefined();
    expect(cache.set("front page", answer("after", 2))).toBe(true);
    expect(cache.get("front page", 2)?.body.toString()).toBe("after");
  });

  it("remembers the keys of the last SEEN_ONCE_KEYS to twice as many answers it did not store", () => {
    const cache = new ResponseCache(10_000);
    cache.set("first", answer("first"));
    for (let i = 0; i < 2 * SEEN_ONCE_KEYS; i++) cache.set(`key ${i}`, answer("other"));
    expect(cache.set("first", answer("first"))).toBe(false);
    expect(cache.set(`key ${SEEN_ONCE_KEYS}`, answer("other"))).toBe(true);
  });

  it("drops the least recently used answers past its size", () => {
    const cache = new ResponseCache(1_000);
    for (const key of ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"]) {
      cache.set(key, answer(key.repeat(100)));
      cache.set(key, answer(key.repeat(100)));
      if (key === "f") cache.get("a", 1);
    }
    const kept = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"].filter((key) => cache.get(key, 1));
    expect(kept).toEqual(["a", "c", "d", "e", "f", "g", "h", "i", "j", "k"]);
  });
});
