import { GraphQLScalarType } from "graphql";
import { DateTimeISOResolver } from "graphql-scalars";

/** The contract's `DateTime`: ISO-8601 with offset, serialized as e.g. 2024-06-18T10:00:00.000Z. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeISOResolver.toConfig(),
  name: "DateTime",
  description: "A date and time, ISO-8601 with an offset, e.g. 2024-06-18T10:00:00.000Z.",
});
