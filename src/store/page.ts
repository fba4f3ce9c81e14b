/**
 * Keyset pages over a list ordered newest first: `(sort_at DESC, id DESC)` for articles,
 * `(slug ASC)` for tags. A page asks for `limit` rows after (forward) or before
 * (backward) a cursor key; the store also says whether anything lies beyond the page
 * and whether anything lies on the other side of the cursor, so that pageInfo is exact
 * in both directions, all in one statement.
 */
export interface PageRequest<K> {
  direction: "forward" | "backward";
  limit: number;
  /** The key of the row the page starts after (forward) or ends before (backward). */
  cursor: K | null;
}

export interface Page<T> {
  /** In list order. */
  rows: T[];
  /** More rows lie past the page in its direction. */
  hasMore: boolean;
  /** Rows lie on the other side of the cursor. */
  hasBeyondCursor: boolean;
}

/** The same page with other rows (the keys of a page replaced by what they stand for). */
export function pageWithRows<T>(page: Page<unknown>, rows: T[]): Page<T> {
  return { rows, hasMore: page.hasMore, hasBeyondCursor: page.hasBeyondCursor };
}

/** Splits raw rows of a page statement (marked by `page_side`) into a Page. */
export function toPage<R extends { page_side: unknown }, T>(
  raw: R[],
  request: PageRequest<unknown>,
  map: (row: R) => T,
  /** List order. */
  compare: (a: T, b: T) => number,
): Page<T> {
  const inside: T[] = [];
  let hasBeyondCursor = false;
  for (const row of raw) {
    if (Number(row.page_side) === 0) inside.push(map(row));
    else hasBeyondCursor = true;
  }
  const hasMore = inside.length > request.limit;
  // Nearest to the cursor first, then back into list order.
  const backward = request.direction === "backward";
  const rows = inside.sort(backward ? (a, b) => compare(b, a) : compare).slice(0, request.limit);
  if (backward) rows.reverse();
  return { rows, hasMore, hasBeyondCursor };
}
