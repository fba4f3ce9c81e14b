import type { ApolloServerPlugin } from "@apollo/server";
import { graphqlOperations } from "../metrics";

/** Counts operations by name, type and outcome for /metrics. */
export const operationMetricsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ operationName, operation, errors }) {
        graphqlOperations.inc({
          operation: operationName ?? "anonymous",
          type: operation?.operation ?? "unknown",
          outcome: errors?.length ? "error" : "ok",
        });
      },
    };
  },
};
