import type { Article, Tag } from "../entities";
import { UNDATED_SORT_AT, type ArticleKey, type Page, type PageRequest, type TagKey } from "../store";
import { badUserInput } from "./errors";
import type { ConnectionArgs } from "./types/connection.args";
import type { PageInfo } from "./types/page-info.type";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Cursors are opaque to clients: base64url of a versioned key, "a1:<sortAt>:<id>" for
 * articles and "t1:<slug>" for tags. A key, not a position, so pages stay stable while
 * articles arrive or go.
 */
export const articleCursor = (a: Article): string => Buffer.from(`a1:${a.sortAt}:${a.id}`).toString("base64url");
export const tagCursor = (t: Tag): string => Buffer.from(`t1:${t.slug}`).toString("base64url");

export function decodeArticleCursor(cursor: string, arg: string): ArticleKey {
  const match = /^a1:(-?\d{1,16}):(\d{1,16})$/.exec(decode(cursor));
  const key = match && { sortAt: Number(match[1]), id: Number(match[2]) };
  if (!key || !Number.isSafeInteger(key.sortAt) || key.sortAt < UNDATED_SORT_AT || !Number.isSafeInteger(key.id)) {
    throw malformed(arg, cursor);
  }
  return key;
}

export function decodeTagCursor(cursor: string, arg: string): TagKey {
  const match = /^t1:([a-z0-9-]{1,200})$/.exec(decode(cursor));
  if (!match) throw malformed(arg, cursor);
  return { slug: match[1] };
}

function decode(cursor: string): string {
  return /^[A-Za-z0-9_-]{1,300}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
}

function malformed(arg: string, cursor: string) {
  return badUserInput(
    `${arg}: "${cursor.slice(0, 80)}" is not a cursor of this list; pass a cursor (pageInfo.endCursor, pageInfo.startCursor or an edge's cursor) from the same list.`,
    { argument: arg },
  );
}

/** Checks first/after/last/before and turns them into a page request. */
export function pageRequest<K>(args: ConnectionArgs, decodeCursor: (cursor: string, arg: string) => K): PageRequest<K> {
  const { first, after, last, before } = args;
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value !== undefined && value !== null && (value < 1 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`${name}: ${value} is out of range; ask for 1 to ${MAX_PAGE_SIZE} items per page.`, { argument: name });
    }
  }
  const backward = last != null || before != null;
  if (backward && (first != null || after != null)) {
    throw badUserInput(
      "Page forward with first/after or backward with last/before, not both in one request.",
      { argument: first != null ? "first" : "after" },
    );
  }
  if (backward) {
    return { direction: "backward", limit: last ?? DEFAULT_PAGE_SIZE, cursor: before != null ? decodeCursor(before, "before") : null };
  }
  return { direction: "forward", limit: first ?? DEFAULT_PAGE_SIZE, cursor: after != null ? decodeCursor(after, "after") : null };
}

/** A page as a Relay connection; `edgeOf` makes an edge of a row and its cursor (by default, the row is the node). */
export function toConnection<T, E extends { cursor: string } = { cursor: string; node: T }>(
  page: Page<T>,
  request: PageRequest<unknown>,
  cursorOf: (node: T) => string,
  countTotal: () => number | Promise<number>,
  edgeOf: (row: T, cursor: string) => E = (node, cursor) => ({ cursor, node }) as unknown as E,
): { edges: E[]; nodes: T[]; pageInfo: PageInfo; countTotal: () => number | Promise<number> } {
  const edges = page.rows.map((row) => edgeOf(row, cursorOf(row)));
  const forward = request.direction === "forward";
  return {
    edges,
    nodes: page.rows,
    pageInfo: {
      hasNextPage: forward ? page.hasMore : page.hasBeyondCursor,
      hasPreviousPage: forward ? page.hasBeyondCursor : page.hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countTotal,
  };
}
