import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Article } from "./article.entity";
import { NOW, timestamp } from "./column-types";
import { Source } from "./source.entity";

/**
 * Article ↔ Source: every source that lists an article, under its own guid. The article's
 * own `sourceId` is the first source that brought it; others are only linked here.
 */
@Entity("article_sources")
@Index("ix_article_sources_guid", ["sourceId", "guid"])
@Index("ix_article_sources_fingerprint", ["sourceId", "fingerprint"])
export class ArticleSource {
  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  @PrimaryColumn({ name: "source_id", type: "integer" })
  sourceId!: number;

  /** The item's id in this source's feed. */
  @Column({ type: "varchar", length: 2000, nullable: true })
  guid!: string | null;

  /** Hash of title, teaser and body: the identity of items with neither guid nor URL. */
  @Column({ type: "varchar", length: 64, nullable: true })
  fingerprint!: string | null;

  @CreateDateColumn(timestamp({ name: "first_seen_at", default: NOW }))
  firstSeenAt!: Date;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @ManyToOne(() => Source, { onDelete: "CASCADE" })
  @JoinColumn({ name: "source_id" })
  source?: Source;
}
