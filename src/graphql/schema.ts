import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "./auth-checker";
import { callFieldResolversDirectly } from "./execution/direct-resolvers";
import { resolvers } from "./resolvers";
import { DateTimeScalar } from "./types/date-time.scalar";

/**
 * Builds the executable schema from the decorated classes, with `@Authorized` checked by
 * authChecker, and field resolvers that need nothing of type-graphql's wrapper called
 * directly (see direct-resolvers.ts). There are no global middlewares: fields called directly
 * would not run them.
 */
export async function buildNewsgateSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    authChecker,
    // class-validator checks the inputs that carry its decorators (the editorial inputs);
    // every field is checked, so a failure lists every problem at once.
    validate: { forbidUnknownValues: false, skipMissingProperties: false, validationError: { target: false, value: false } },
  });
  callFieldResolversDirectly(schema);
  return schema;
}

/** The SDL committed as schema/schema.graphql: sorted, so that it only changes when the API does. */
export function schemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
