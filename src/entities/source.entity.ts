import { Extensions, Field, Int, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { NO_CACHE } from "./cache-hints";
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
  @Column({ type: "boolean", default: true })
  enabled!: boolean;

  @Column({ name: "fetch_interval_seconds", type: "integer", default: 900 })
  fetchIntervalSeconds!: number;

  @Extensions(NO_CACHE)
  @Field(() => Date, { nullable: true })
  @Column({ name: "last_fetched_at", type: Date, nullable: true })
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
  @Column({ name: "next_fetch_at", type: Date, nullable: true })
  nextFetchAt!: Date | null;

  @Column({ type: "varchar", length: 20, nullable: true })
  language!: string | null;

  @CreateDateColumn({ name: "created_at" })
  createdAt!: Date;

  @UpdateDateColumn({ name: "updated_at" })
  updatedAt!: Date;
}
