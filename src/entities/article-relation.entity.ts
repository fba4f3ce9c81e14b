import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Article } from "./article.entity";

/** Editorial related news: an ordered article → article relation. */
@Entity("article_relations")
@Index("ix_article_relations_related", ["relatedId"])
export class ArticleRelation {
  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  @PrimaryColumn({ name: "related_id", type: "integer" })
  relatedId!: number;

  @Column({ type: "integer" })
  position!: number;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "related_id" })
  related?: Article;
}
