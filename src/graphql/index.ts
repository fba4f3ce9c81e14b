/** The GraphQL API: schema, per-request context and loaders, and the executor Apollo runs operations with. */
export { createContext, type Context } from "./context";
export { CompiledExecutor, createCompiledGateway, type CompiledRun } from "./execution/executor";
export { buildNewsgateSchema, schemaSdl } from "./schema";
