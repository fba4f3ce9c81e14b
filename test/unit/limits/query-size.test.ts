import { parse } from "graphql";
import { countTokens, querySizeProblem } from "../../../src/http/limits";

describe("countTokens", () => {
  it("counts tokens as graphql's parser does, without comments and commas", () => {
    expect(countTokens("{ a(b: 1, c: \"x\") } # comment", 100)).toBe(11);
    expect(() => parse("{ a(b: 1, c: \"x\") }", { maxTokens: 11 })).not.toThrow();
    expect(() => parse("{ a(b: 1, c: \"x\") }", { maxTokens: 10 })).toThrow(/Document contains more th[ae][nt] 10 tokens/);
  });

  it("stops one past the limit and at a lexing error", () => {
    expect(countTokens("{ a a a a a a a a }", 3)).toBe(4);
    expect(countTokens("{ a \u0000 b }", 100)).toBe(2);
  });
});

describe("querySizeProblem", () => {
  const limits = { queryLength: 20, tokens: 4 };
  it("checks the length first, then the tokens", () => {
    expect(querySizeProblem("{ a b }", limits)).toBeNull();
    expect(querySizeProblem("{ a b c }", limits)).toBe("Query has more than 4 tokens, the maximum; send a shorter query.");
    expect(querySizeProblem(`{ a }${" ".repeat(16)}`, limits)).toBe("Query length 21 exceeds the maximum of 20 characters; send a shorter query.");
    expect(querySizeProblem(undefined, limits)).toBeNull();
  });
});
