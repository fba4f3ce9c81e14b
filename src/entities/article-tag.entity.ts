import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Article } from "./article.entity";
import { Tag } from "./tag.entity";

/** Article ↔ Tag, many-to-many, keeping the order in which the article lists its tags. */
@Entity("article_tags")
@Index("ix_article_tags_tag", ["tagId"])
export class ArticleTag {
  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  @PrimaryColumn({ name: "tag_id", type: "integer" })
  tagId!: number;

  @Column({ type: "integer" })
  position!: number;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @ManyToOne(() => Tag, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tag_id" })
  tag?: Tag;
}
