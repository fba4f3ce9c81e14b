import { Field, ObjectType } from "type-graphql";
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Article } from "./article.entity";

/** A person an article names as its author, in the order the source gives them. */
@ObjectType({ simpleResolvers: true, description: "A person an article names as its author." })
@Entity("article_authors")
export class Author {
  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @PrimaryColumn({ type: "integer" })
  position!: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 500 })
  name!: string;

  @Field(() => String, { nullable: true, description: "The author's page or profile, where the source names one." })
  @Column({ type: "varchar", length: 2000, nullable: true })
  url!: string | null;
}
