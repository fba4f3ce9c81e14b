/** What the write path takes: one article as a feed, the seed data or an editor gives it. */
export interface ArticleDraft {
  /** The item's id at its source (RSS guid, Atom id); matches the stored article on update. */
  guid?: string | null;
  title: string;
  teaser?: string | null;
  /** HTML; sanitized on write. */
  body?: string | null;
  url?: string | null;
  /**
   * False when `url` is not the item's own address (e.g. a podcast whose every episode links
   * to the show's home page): the article is then never matched to another by its URL.
   * True or absent: the URL identifies the article across sources.
   */
  urlIsPermalink?: boolean;
  category?: string | null;
  language?: string | null;
  /** The first author's name; derived from `authors` when absent. */
  author?: string | null;
  /** Every author, in order. */
  authors?: AuthorDraft[];
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
  /** Audio, video and other non-image files, in order (JSON Feed 1.1's attachment shape). */
  attachments?: AttachmentDraft[];
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

export interface AuthorDraft {
  name: string;
  url?: string | null;
}

export interface AttachmentDraft {
  url: string;
  mimeType?: string | null;
  sizeInBytes?: number | null;
  durationInSeconds?: number | null;
  title?: string | null;
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
