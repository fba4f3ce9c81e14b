import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Article } from "./article.entity";
import { Tag } from "./tag.entity";

/** Article ↔ Tag, many-to-many, keeping the order in which the article lists its tags. */
@Entity("article_tags")
@Index("ix_article_tags_tag", ["tagId", "articleId"])
// (tag_id, sort_at DESC, article_id DESC): TypeORM cannot spell a descending column; the migration made it.
@Index("ix_article_tags_recent", { synchronize: false })
export class ArticleTag {
  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  @PrimaryColumn({ name: "tag_id", type: "integer" })
  tagId!: number;

  @Column({ type: "integer" })
  position!: number;

  /** A copy of the article's sortAt: a tag's articles in list order from its index alone. Written by SQL only, never mapped. */
  @Column({ name: "sort_at", type: "bigint", default: 0 })
  sortAt?: number;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @ManyToOne(() => Tag, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tag_id" })
  tag?: Tag;
}
