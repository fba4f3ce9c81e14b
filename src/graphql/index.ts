/** The GraphQL API: schema, per-request context and loaders. */
export { createContext, type Context } from "./context";
export { buildNewsgateSchema, schemaSdl } from "./schema";
