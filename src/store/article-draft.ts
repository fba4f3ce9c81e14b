/** What the write path takes: one article as a feed, the seed data or an editor gives it. */
export interface ArticleDraft {
  /** The item's id at its source (RSS guid, Atom id); matches the stored article on update. */
  guid?: string | null;
  title: string;
  teaser?: string | null;
  /** HTML; sanitized on write. */
  body?: string | null;
  url?: string | null;
  category?: string | null;
  language?: string | null;
  author?: string | null;
  publishedAt?: Date | null;
  /**
   * True when the source gave no readable date and `publishedAt` is the time the item was
   * first seen: an article already stored keeps its date, so re-reading changes nothing.
   */
  dateUnknown?: boolean;
  /** Tag names as published; the slug is derived. */
  tags?: string[];
  images?: ImageDraft[];
  links?: LinkDraft[];
  /** Guids of related articles of the same source, in editorial order. */
  related?: string[];
}

export interface ImageDraft {
  url?: string | null;
  alt?: string | null;
  caption?: string | null;
  credit?: string | null;
  width?: number | null;
  height?: number | null;
}

export interface LinkDraft {
  url: string;
  label?: string | null;
  rel?: string | null;
}

/** What one write of a batch did. */
export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Drafts that matched an article of another source (same canonical URL), now known to this one too. */
  linked?: number;
  /** Drafts whose article an editor deleted: left deleted (counted as unchanged too). */
  withdrawn?: number;
  /** The stored id of every draft, in input order (0 for a withdrawn one). */
  articleIds: number[];
}
