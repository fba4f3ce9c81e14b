import { Field, ObjectType } from "type-graphql";
import { Tag } from "../../entities";
import { PageInfo } from "./page-info.type";

@ObjectType({ simpleResolvers: true, description: "A tag in a list, with its cursor." })
export class TagEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Tag)
  node!: Tag;
}

@ObjectType({ simpleResolvers: true, description: "A page of tags by slug (Relay cursor connection)." })
export class TagConnection {
  @Field(() => [TagEdge])
  edges!: TagEdge[];

  @Field(() => [Tag])
  nodes!: Tag[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counts every tag; run only when totalCount is asked for. */
  countTotal!: () => number | Promise<number>;
}
