import { parseBearer } from "../../src/auth/bearer";
import { generateApiKey, hashApiKey, verifyApiKey } from "../../src/auth/key-hash";
import { parseRole, Role, roleAllows } from "../../src/auth/roles";

describe("API keys", () => {
  it("are 256 random bits behind a prefix, and differ every time", () => {
    const key = generateApiKey();
    expect(key).toMatch(/^ngk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), "base64url")).toHaveLength(32);
    expect(generateApiKey()).not.toBe(key);
  });

  it("are stored as a SHA-256 hash and verified against it", () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyApiKey(key, hash)).toBe(true);
    expect(verifyApiKey(`${key}x`, hash)).toBe(false);
    expect(verifyApiKey(key, "00")).toBe(false);
  });

  it("are read from a Bearer header", () => {
    expect(parseBearer(undefined)).toBeNull();
    expect(parseBearer("")).toBeNull();
    expect(parseBearer("Bearer ngk_abc")).toEqual({ key: "ngk_abc" });
    expect(parseBearer("bearer   ngk_abc ")).toEqual({ key: "ngk_abc" });
    expect(parseBearer("Basic dXNlcjpwdw==")).toEqual({ problem: "the Authorization header must be `Bearer <api key>`" });
  });
});

describe("roles", () => {
  it("let admins do what editors may, not the other way round", () => {
    expect(roleAllows(Role.ADMIN, [Role.EDITOR])).toBe(true);
    expect(roleAllows(Role.ADMIN, [Role.ADMIN])).toBe(true);
    expect(roleAllows(Role.EDITOR, [Role.EDITOR])).toBe(true);
    expect(roleAllows(Role.EDITOR, [Role.ADMIN])).toBe(false);
    expect(roleAllows(Role.EDITOR, [])).toBe(true);
    expect([parseRole("editor"), parseRole("admin"), parseRole("root")]).toEqual([Role.EDITOR, Role.ADMIN, null]);
  });
});
