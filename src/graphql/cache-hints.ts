/** The cache hints of GraphQL fields; defined beside the entities, which carry them. */
export { NO_CACHE } from "../entities/cache-hints";
