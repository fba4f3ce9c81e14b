import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { authChecker } from "../auth/auth-checker";
import { resolvers } from "./resolvers";
import { DateTimeScalar } from "./types/date-time.scalar";

/** Builds the executable schema from the decorated classes, with `@Authorized` checked by authChecker. */
export function buildNewsgateSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...resolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    authChecker,
    // class-validator checks the inputs that carry its decorators (the editorial inputs);
    // every field is checked, so a failure lists every problem at once.
    validate: { forbidUnknownValues: false, skipMissingProperties: false, validationError: { target: false, value: false } },
  });
}

/** The SDL committed as schema/schema.graphql: sorted, so that it only changes when the API does. */
export function schemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
