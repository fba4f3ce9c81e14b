import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { Article } from "./article.entity";
import { NOW, timestamp } from "./column-types";

/**
 * The fields of an ingested article an editor changed, and the content hash of the source
 * version they changed: the next fetch keeps them while the source still sends that version.
 */
@Entity("editorial_overrides")
export class EditorialOverride {
  @PrimaryColumn({ name: "article_id", type: "integer" })
  articleId!: number;

  /** JSON array of field names, e.g. ["title","tags"]. */
  @Column({ type: "text" })
  fields!: string;

  @Column({ name: "source_hash", type: "varchar", length: 64 })
  sourceHash!: string;

  @UpdateDateColumn(timestamp({ name: "updated_at", default: NOW }))
  updatedAt!: Date;

  @OneToOne(() => Article, { onDelete: "CASCADE" })
  @JoinColumn({ name: "article_id" })
  article?: Article;
}
