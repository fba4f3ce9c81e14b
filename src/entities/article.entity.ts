import { Field, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn, Unique } from "typeorm";
import { NOW, slug, timestamp } from "./column-types";
import { Node } from "./node.interface";
import { Source } from "./source.entity";

/**
 * A news article. Its relations (source, tags, images, links, related) are GraphQL fields
 * resolved through per-request loaders in ArticleResolver.
 */
@ObjectType({ simpleResolvers: true, implements: Node, description: "A news article." })
@Entity("articles")
@Unique("uq_articles_source_guid", ["sourceId", "guid"])
@Index("ix_articles_order", ["sortAt", "id"])
@Index("ix_articles_source", ["sourceId", "sortAt", "id"])
@Index("ix_articles_category", ["category", "sortAt", "id"])
@Index("ix_articles_language", ["language", "sortAt", "id"])
@Index("ix_articles_filter", ["language", "category", "sourceId", "sortAt"])
export class Article extends Node {
  @PrimaryGeneratedColumn()
  id!: number;

  @Field(() => String, { description: "Unique, URL-safe and stable." })
  @Column(slug({ type: "varchar", length: 200, unique: true }))
  slug!: string;

  @Field(() => String)
  @Column({ type: "varchar", length: 1000 })
  title!: string;

  @Field(() => String, { nullable: true, description: "The lead paragraph, plain text." })
  @Column({ type: "text", nullable: true })
  teaser!: string | null;

  /** Sanitized HTML. Lists read articles without it: undefined until read (see ArticleResolver.body). */
  @Column({ type: "text", nullable: true })
  body!: string | null;

  @Field(() => String, { nullable: true, description: "Canonical URL at the source." })
  @Index("ix_articles_url")
  @Column({ type: "varchar", length: 2000, nullable: true })
  url!: string | null;

  /**
   * True when `url` is the item's own address, which then identifies the article across
   * sources; false when several items of a feed share it (a podcast's home page).
   */
  // The default as the migration spelled it: SQLite keeps a default's text as written.
  @Column({ name: "url_is_permalink", type: "boolean", default: () => "TRUE" })
  urlIsPermalink!: boolean;

  /** The item's id at its source (RSS guid, Atom id); unique within a source. */
  @Column({ type: "varchar", length: 2000, nullable: true })
  guid!: string | null;

  @Column({ name: "source_id", type: "integer", nullable: true })
  sourceId!: number | null;

  @ManyToOne(() => Source, { onDelete: "SET NULL", nullable: true })
  @JoinColumn({ name: "source_id" })
  source?: Source | null;

  @Field(() => String, { nullable: true, description: 'e.g. "Internationales"' })
  @Column({ type: "varchar", length: 200, nullable: true })
  category!: string | null;

  @Field(() => String, { nullable: true, description: 'BCP-47, e.g. "de"' })
  @Column({ type: "varchar", length: 35, nullable: true })
  language!: string | null;

  @Field(() => String, { nullable: true, description: "The first author's name; every author is in `authors`." })
  @Column({ type: "varchar", length: 500, nullable: true })
  author!: string | null;

  @Field(() => Date, { nullable: true })
  @Column(timestamp({ name: "published_at", nullable: true }))
  publishedAt!: Date | null;

  /**
   * The ordering key: publishedAt in epoch milliseconds, or the lowest safe integer for
   * articles without a date, so that `(sort_at DESC, id DESC)` is one index range scan
   * and undated articles come last on every database.
   */
  @Column({ name: "sort_at", type: "bigint" })
  sortAt!: number;

  /** Hash of everything the write path stores for the article; unchanged input writes nothing. */
  @Column({ name: "content_hash", type: "varchar", length: 64 })
  contentHash!: string;

  /** Position in the change feed: every write takes the next number (see changes(since:)). */
  @Index("ix_articles_change_seq")
  @Column({ name: "change_seq", type: "bigint", default: 0 })
  changeSeq!: number;

  @CreateDateColumn(timestamp({ name: "created_at", default: NOW }))
  createdAt!: Date;

  @Field(() => Date)
  @Column(timestamp({ name: "updated_at" }))
  updatedAt!: Date;
}
