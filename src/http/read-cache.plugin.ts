import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../graphql";
import type { ReadCache } from "../graphql/execution/read-cache";
import type { CacheSlot } from "../cache/response-cache";

/**
 * Gives each query the read-cache generation of the change number it was made at: the one
 * its response-cache lookup read, or the current one. Mutations get none, so what they read
 * back after writing comes from the database; so does every request while the change number
 * is not known.
 */
export function readCachePlugin(cache: ReadCache, readVersion: () => number): ApolloServerPlugin<Context & { cacheSlot?: CacheSlot }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (operation?.operation !== "query") return;
          let version = contextValue.cacheSlot?.version;
          try {
            version ??= readVersion();
          } catch {
            return;
          }
          contextValue.reads.generation = cache.at(version);
        },
      };
    },
  };
}
