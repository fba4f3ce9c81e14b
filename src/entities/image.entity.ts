import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Article } from "./article.entity";
import { Node } from "./node.interface";

/** An image of an article, in page order; the first is the lead image. */
@ObjectType({ simpleResolvers: true, implements: Node, description: "An image of an article; the first is the lead image." })
@Entity("images")
@Index("ix_images_article", ["articleId", "position"])
export class Image extends Node {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: "article_id", type: "integer" })
  articleId!: number;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @Column({ type: "integer" })
  position!: number;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 2000, nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. "Georgische Fans in Dortmund"' })
  @Column({ type: "text", nullable: true })
  alt!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  caption!: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. "Stadt Dortmund / Roland Gorecki", without the "Bild:" prefix' })
  @Column({ type: "varchar", length: 500, nullable: true })
  credit!: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: "integer", nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: "integer", nullable: true })
  height!: number | null;
}
