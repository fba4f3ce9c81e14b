import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { Article } from "./article.entity";
import { double } from "./column-types";

/**
 * A file an article carries that is not an image (a podcast episode's audio, a video, a PDF),
 * in the source's order; the shape of a JSON Feed 1.1 attachment.
 */
@ObjectType({ simpleResolvers: true, description: "An audio, video or other file an article carries; images are in Article.images." })
@Entity("attachments")
export class Attachment {
  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  @ManyToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;

  @PrimaryColumn({ type: "integer" })
  position!: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 2000 })
  url!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "audio/mpeg"' })
  @Column({ name: "mime_type", type: "varchar", length: 200, nullable: true })
  mimeType!: string | null;

  @Field(() => Float, { nullable: true, description: "The file's size as the source gives it." })
  @Column(double({ name: "size_in_bytes", nullable: true }))
  sizeInBytes!: number | null;

  @Field(() => Int, { nullable: true, description: "The playing time of audio or video." })
  @Column({ name: "duration_seconds", type: "integer", nullable: true })
  durationInSeconds!: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  title!: string | null;
}
