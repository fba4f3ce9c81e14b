import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import { NOW, timestamp } from "./column-types";
import { Source } from "./source.entity";

/** The HTTP validators of a source's last successful answer, sent back on the next conditional GET. */
@Entity("source_fetch_states")
export class SourceFetchState {
  @PrimaryColumn({ name: "source_id", type: "integer" })
  sourceId!: number;

  @Column({ type: "varchar", length: 1000, nullable: true })
  etag!: string | null;

  @Column({ name: "last_modified", type: "varchar", length: 100, nullable: true })
  lastModified!: string | null;

  @UpdateDateColumn(timestamp({ name: "updated_at", default: NOW }))
  updatedAt!: Date;

  @OneToOne(() => Source, { onDelete: "CASCADE" })
  @JoinColumn({ name: "source_id" })
  source?: Source;
}
