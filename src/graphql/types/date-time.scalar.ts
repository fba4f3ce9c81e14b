import { GraphQLScalarType } from "graphql";
import { DateTimeISOResolver } from "graphql-scalars";

const base = DateTimeISOResolver.toConfig();

/** The contract's `DateTime`: ISO-8601 with offset, serialized as e.g. 2024-06-18T10:00:00.000Z. */
export const DateTimeScalar = new GraphQLScalarType({
  ...base,
  name: "DateTime",
  description: "A date and time, ISO-8601 with an offset, e.g. 2024-06-18T10:00:00.000Z.",
  // Stored dates go straight out (a page holds well over a hundred); anything else is checked by graphql-scalars.
  serialize: (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : base.serialize(value)),
});
