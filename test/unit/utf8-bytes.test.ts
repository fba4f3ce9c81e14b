import { utf8Bytes } from "../../src/cache/utf8-bytes";

describe("utf8Bytes", () => {
  const cases: Record<string, string[]> = {
    nothing: [],
    "empty parts": ["", "", ""],
    ascii: ['{"data":', '{"a":1}', "}\n"],
    "German text": ["Neue Brücke über die Straße", " – Ämter schließen"],
    "characters outside the BMP": ["📰 news 🗞️", "𝄞"],
    "lone surrogates": ["a\ud800b", "\udc00"],
    "a part longer than the scratch buffer": ["ö".repeat(100_000), "x"],
    "parts past the scratch limit": ["é".repeat(700_000), "ü".repeat(400_000)],
  };
  for (const [name, parts] of Object.entries(cases)) {
    it(`gives the bytes Buffer.from gives: ${name}`, () => {
      const bytes = utf8Bytes(...parts);
      expect(bytes.equals(Buffer.from(parts.join("")))).toBe(true);
      expect(bytes.length).toBe(Buffer.byteLength(parts.join("")));
    });
  }

  it("returns a buffer of its own, not a view of the scratch buffer", () => {
    const first = utf8Bytes("first answer");
    utf8Bytes("second answer, longer than the first");
    expect(first.toString()).toBe("first answer");
  });
});
