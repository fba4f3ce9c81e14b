import { Field, ID, InterfaceType } from "type-graphql";
import { fromGlobalId } from "./global-id";

/**
 * Every object with a global, opaque id that `node(id:)` resolves. The GraphQL field `id`
 * reads the property `globalId`, which the store sets when it maps a row; the numeric
 * primary key `id` stays private to the server.
 */
@InterfaceType("Node", {
  description: "An object with a global, opaque id that node(id:) resolves.",
  resolveType: (value: Node) => fromGlobalId(value.globalId)?.type,
})
export abstract class Node {
  @Field(() => ID, { name: "id", simple: false, description: "Global, opaque id; pass it to node(id:)." })
  globalId!: string;
}
