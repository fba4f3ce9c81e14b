import { Extensions, Field, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { NO_CACHE } from "./cache-hints";
import { NOW, timestamp } from "./column-types";
import { Node } from "./node.interface";
import { SourceKind } from "./source-kind.enum";

/** A feed or page Newsgate gathers articles from; also the seed data and hand-written news. */
@ObjectType({ simpleResolvers: true, implements: Node, description: "A feed or page that articles come from." })
@Entity("sources")
export class Source extends Node {
  @PrimaryGeneratedColumn()
  id!: number;

  @Field(() => String)
  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: "The feed or page address; null for seed and manual sources." })
  @Column({ type: "varchar", length: 2000, nullable: true, unique: true })
  url!: string | null;

  @Field(() => SourceKind)
  @Column({ type: "varchar", length: 20 })
  kind!: SourceKind;

  @Field(() => Boolean)
  // The default as the migration spelled it: SQLite keeps a default's text as written.
  @Column({ type: "boolean", default: () => "true" })
  enabled!: boolean;

  @Column({ name: "fetch_interval_seconds", type: "integer", default: 900 })
  fetchIntervalSeconds!: number;

  @Extensions(NO_CACHE)
  @Field(() => Date, { nullable: true })
  @Column(timestamp({ name: "last_fetched_at", nullable: true }))
  lastFetchedAt!: Date | null;

  @Extensions(NO_CACHE)
  @Field(() => String, { nullable: true })
  @Column({ name: "last_error", type: "text", nullable: true })
  lastError!: string | null;

  @Extensions(NO_CACHE)
  @Field(() => String, {
    nullable: true,
    description: "What the last successful fetch read with trouble, e.g. truncated XML of which the complete items were kept; null when nothing.",
  })
  @Column({ name: "last_warning", type: "text", nullable: true })
  lastWarning!: string | null;

  @Extensions(NO_CACHE)
  @Field(() => Int)
  @Column({ name: "consecutive_failures", type: "integer", default: 0 })
  consecutiveFailures!: number;

  @Extensions(NO_CACHE)
  @Field(() => Date, { nullable: true })
  @Column(timestamp({ name: "next_fetch_at", nullable: true }))
  nextFetchAt!: Date | null;

  @Column({ type: "varchar", length: 20, nullable: true })
  language!: string | null;

  @CreateDateColumn(timestamp({ name: "created_at", default: NOW }))
  createdAt!: Date;

  @UpdateDateColumn(timestamp({ name: "updated_at", default: NOW }))
  updatedAt!: Date;

  /**
   * Until when a fetch of this source holds it, so that no two processes fetch one source at
   * once. Read and written by the fetch lease's own SQL only, never mapped.
   */
  @Column(timestamp({ name: "fetch_lease_until", nullable: true }))
  fetchLeaseUntil?: Date | null;

  /** Which fetch holds the lease (never mapped, as fetchLeaseUntil). */
  @Column({ name: "fetch_lease_holder", type: "varchar", length: 300, nullable: true })
  fetchLeaseHolder?: string | null;
}
