import { GraphQLError } from "graphql";
import { fromGlobalId, toGlobalId } from "../../src/entities/global-id";
import { articleCursor, decodeArticleCursor, decodeTagCursor, pageRequest, tagCursor } from "../../src/graphql/connection";
import { UNDATED_SORT_AT } from "../../src/store";
import type { Article, Tag } from "../../src/entities";

describe("global ids", () => {
  it("round-trip and stay opaque", () => {
    const id = toGlobalId("Article", 42);
    expect(id).not.toContain("Article");
    expect(fromGlobalId(id)).toEqual({ type: "Article", id: 42 });
  });

  it.each(["", "Article:42", "QXJ0aWNsZTow", toGlobalId("Article", 0), Buffer.from("Planet:1").toString("base64url"), "a".repeat(100)])(
    "refuse %j",
    (id) => expect(fromGlobalId(id)).toBeNull(),
  );
});

describe("cursors", () => {
  it("round-trip article keys, undated ones too", () => {
    for (const key of [{ sortAt: 1718704800000, id: 7 }, { sortAt: UNDATED_SORT_AT, id: 1 }]) {
      expect(decodeArticleCursor(articleCursor(key as Article), "after")).toEqual(key);
    }
    expect(decodeTagCursor(tagCursor({ slug: "integration" } as Tag), "after")).toEqual({ slug: "integration" });
  });

  it("refuse what they did not make", () => {
    expect(() => decodeArticleCursor(tagCursor({ slug: "x" } as Tag), "after")).toThrow(GraphQLError);
    expect(() => decodeArticleCursor(Buffer.from(`a1:${-(2 ** 60)}:1`).toString("base64url"), "before")).toThrow(/^before: /);
    expect(() => decodeTagCursor("%%%", "after")).toThrow(/is not a cursor of this list/);
  });

  it("turn arguments into page requests", () => {
    const decode = (cursor: string) => cursor;
    expect(pageRequest({}, decode)).toEqual({ direction: "forward", limit: 20, cursor: null });
    expect(pageRequest({ first: 5, after: "c" }, decode)).toEqual({ direction: "forward", limit: 5, cursor: "c" });
    expect(pageRequest({ before: "c" }, decode)).toEqual({ direction: "backward", limit: 20, cursor: "c" });
    expect(pageRequest({ last: 100 }, decode)).toEqual({ direction: "backward", limit: 100, cursor: null });
    expect(() => pageRequest({ first: 5, last: 5 }, decode)).toThrow(/not both/);
    expect(() => pageRequest({ last: 101 }, decode)).toThrow("last: 101 is out of range; ask for 1 to 100 items per page.");
  });
});
