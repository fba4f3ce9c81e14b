import { Field, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";
import { NOW, slug, timestamp } from "./column-types";
import { Node } from "./node.interface";

/** A topic. The same slug is the same tag across every source. */
@ObjectType({ simpleResolvers: true, implements: Node, description: "A topic; the same slug is the same tag across sources." })
@Entity("tags")
export class Tag extends Node {
  @PrimaryGeneratedColumn()
  id!: number;

  @Field(() => String, { description: 'As published, e.g. "Integration".' })
  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Field(() => String, { description: 'Lower-case ASCII, e.g. "integration".' })
  @Column(slug({ type: "varchar", length: 200, unique: true }))
  slug!: string;

  @CreateDateColumn(timestamp({ name: "created_at", default: NOW }))
  createdAt!: Date;
}
