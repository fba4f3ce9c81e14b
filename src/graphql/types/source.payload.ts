import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Source } from "../../entities";

@ObjectType({ simpleResolvers: true, description: "The source as the mutation left it." })
export class SourcePayload {
  @Field(() => Source, { nullable: true })
  source!: Source | null;
}

/** What one fetch of a source did. */
export enum RefreshStatus {
  NEW = "new",
  UPDATED = "updated",
  UNCHANGED = "unchanged",
  FAILED = "failed",
}
registerEnumType(RefreshStatus, { name: "RefreshStatus", description: "NEW: articles were created; UPDATED: some changed; UNCHANGED: nothing to write; FAILED." });

@ObjectType({ simpleResolvers: true, description: "What fetching a source now did, and the source afterwards." })
export class RefreshSourcePayload {
  @Field(() => Source, { nullable: true })
  source!: Source | null;

  @Field(() => RefreshStatus)
  status!: RefreshStatus;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: "Articles another source already had, now known to this one too." })
  linked!: number;

  @Field(() => Boolean, { description: "The server answered 304 Not Modified." })
  notModified!: boolean;

  @Field(() => String, { nullable: true, description: "Why the fetch failed (status FAILED)." })
  error!: string | null;

  @Field(() => [String], { description: "Problems that did not fail the fetch." })
  warnings!: string[];
}
