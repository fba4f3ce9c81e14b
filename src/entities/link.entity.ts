import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Article } from "./article.entity";

/** A link an article points to, in page order. */
@ObjectType({ simpleResolvers: true, description: "A link an article points to." })
@Entity("links")
@Index("ix_links_article", ["articleId", "position"])
export class Link {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "article_id", type: "integer" })
  articleId!: number;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @Column({ type: "integer" })
  position!: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 2000 })
  url!: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 1000, nullable: true })
  label!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 100, nullable: true })
  rel!: string | null;
}
