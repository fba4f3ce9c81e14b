import type { ApolloServerOptionsWithGateway, BaseContext } from "@apollo/server";
import { execute, OperationTypeNode, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery, type CompilerOptions } from "graphql-jit";
import type { Logger } from "pino";
import { graphqlExecutions } from "../../metrics";
import { JitEligibility } from "./jit-eligibility";
import { asGraphQLJsResult, standsForGraphQLJs } from "./jit-result";
import { LruMap } from "../../cache/lru-map";

/** Apollo Server's gateway interface: the one way to give it an executor of one's own. */
type Gateway = ApolloServerOptionsWithGateway<BaseContext>["gateway"];
type SchemaListener = Parameters<Gateway["onSchemaLoadOrUpdate"]>[0];

/** What the executor reads of Apollo's request context. */
export interface ExecutionRequest {
  document: DocumentNode;
  /** The operation to run; undefined when the document has none by the requested name. */
  operation?: OperationDefinitionNode;
  /** Apollo's hash of the query text. */
  queryHash: string;
  context: object;
  request: { operationName?: string; variables?: Record<string, unknown> };
}

export interface CompiledExecutorOptions {
  /**
   * How many operations are kept compiled (the least recently used go first), and how many
   * seen once are remembered until they come again.
   */
  maxCompiled?: number;
  /** Where a failure of graphql-jit itself is reported. */
  log?: Logger;
}

/**
 * graphql-jit's options, spelled out although they are its defaults: Apollo writes the JSON
 * (so no serializer of graphql-jit's own), and scalars keep their serialize (DateTime makes
 * strings of Dates). Stacks are not captured because every error is made again as graphql-js
 * would make it (see jit-result.ts).
 */
const COMPILER_OPTIONS: Partial<CompilerOptions> = {
  customJSONSerializer: false,
  disableLeafSerialization: false,
  disablingCapturingStackErrors: true,
};

type Plan = { kind: "compiled"; compiled: CompiledQuery; nestedVariables: readonly string[] } | { kind: "graphql-js" };

/**
 * Runs one compiled query again outside Apollo's pipeline: its result as graphql-js would
 * give it, or null when graphql-js must answer (or the query is no longer kept compiled).
 */
export type CompiledRun = (context: object, variables: Record<string, unknown> | undefined) => Promise<ExecutionResult | null>;

/**
 * Executes operations as graphql-js does, running queries compiled by graphql-jit where
 * that gives the same answer: graphql-jit turns an operation into one function with each
 * field's resolver call written out, which saves graphql-js's per-field work of collecting
 * fields, building resolve info and completing values.
 *
 * A query is compiled the second time it is run (so one-off texts cost no compilation) and
 * kept, with the decision not to compile it, in a bounded cache keyed by Apollo's query hash
 * and the operation name. Mutations, subscriptions and what JitEligibility refuses run on
 * graphql-js, and so does a request whose compiled result graphql-js might not have given
 * (see standsForGraphQLJs; queries are read-only, so running one again is safe), or that
 * graphql-jit itself fails (its document then stays with graphql-js).
 */
export class CompiledExecutor {
  private readonly eligibility: JitEligibility;
  private readonly plans: LruMap<string, Plan>;
  private readonly seenOnce: LruMap<string, true>;
  private readonly log?: Logger;

  constructor(
    readonly schema: GraphQLSchema,
    options: CompiledExecutorOptions = {},
  ) {
    this.eligibility = new JitEligibility(schema);
    this.plans = new LruMap(options.maxCompiled ?? 500);
    this.seenOnce = new LruMap(options.maxCompiled ?? 500);
    this.log = options.log;
  }

  /** How many operations the cache holds a decision for (compiled or not). */
  get cachedPlans(): number {
    return this.plans.size;
  }

  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const key = `${request.queryHash}:${request.request.operationName ?? ""}`;
    const plan = this.planFor(key, request);
    if (plan?.kind === "compiled") {
      const result = await this.runCompiled(key, plan, request);
      if (result) {
        graphqlExecutions.inc({ executor: "compiled" });
        return result;
      }
    }
    graphqlExecutions.inc({ executor: "graphql-js" });
    return execute({
      schema: this.schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables,
      operationName: request.request.operationName,
    });
  }

  /**
   * The compiled run of the query Apollo hashed as `queryHash`, for the front door (see
   * prepared-queries.ts); null while it is not compiled. The run looks its plan up each time,
   * so a plan dropped from the cache, or moved to graphql-js, answers null from then on.
   */
  compiledRun(queryHash: string, operationName: string | undefined): CompiledRun | null {
    const key = `${queryHash}:${operationName ?? ""}`;
    if (this.plans.get(key)?.kind !== "compiled") return null;
    return async (context, variables) => {
      const plan = this.plans.get(key);
      if (plan?.kind !== "compiled") return null;
      const result = await this.runCompiled(key, plan, { context, request: { operationName, variables } });
      if (result) graphqlExecutions.inc({ executor: "compiled" });
      return result;
    };
  }

  /** The plan of a query seen before; null for the first sight and for other operations. */
  private planFor(key: string, request: ExecutionRequest): Plan | null {
    if (request.operation?.operation !== OperationTypeNode.QUERY) return null;
    const known = this.plans.get(key);
    if (known) return known;
    if (!this.seenOnce.get(key)) {
      this.seenOnce.set(key, true);
      return null;
    }
    this.seenOnce.delete(key);
    const plan = this.compile(request.document, request.request.operationName);
    this.plans.set(key, plan);
    return plan;
  }

  private compile(document: DocumentNode, operationName: string | undefined): Plan {
    const verdict = this.eligibility.check(document);
    let reason: string;
    if (verdict.compile) {
      const compiled = compileQuery(this.schema, copyAst(document), operationName, COMPILER_OPTIONS);
      if (isCompiledQuery(compiled)) return { kind: "compiled", compiled, nestedVariables: verdict.nestedVariables };
      reason = compiled.errors?.map((error) => error.message).join("; ") ?? "graphql-jit compiled nothing";
    } else {
      reason = verdict.reason;
    }
    this.log?.debug({ operationName, reason }, "an operation is not compiled; it runs on graphql-js");
    return { kind: "graphql-js" };
  }

  /** The compiled run's result as graphql-js would give it, or null when graphql-js must answer. */
  private async runCompiled(
    key: string,
    plan: Extract<Plan, { kind: "compiled" }>,
    request: Pick<ExecutionRequest, "context" | "request">,
  ): Promise<ExecutionResult | null> {
    const variables = request.request.variables;
    if (plan.nestedVariables.some((name) => variables?.[name] == null)) return null;
    let result: ExecutionResult;
    try {
      result = await plan.compiled.query(undefined, request.context, variables);
    } catch (error) {
      // Resolver errors come back in the result; this is graphql-jit failing.
      this.log?.warn({ err: error, operationName: request.request.operationName }, "graphql-jit failed; the operation runs on graphql-js from now on");
      this.plans.set(key, { kind: "graphql-js" });
      return null;
    }
    return standsForGraphQLJs(result) ? asGraphQLJsResult(result) : null;
  }
}

/**
 * An Apollo gateway that serves the executor's schema and executes with it. Apollo takes
 * the schema from the gateway (for validation, and for plugins that read it) and runs its
 * whole request pipeline as usual, calling the executor where it would call graphql-js.
 */
export function createCompiledGateway(executor: CompiledExecutor): Gateway {
  const schema = executor.schema;
  const listeners = new Set<SchemaListener>();
  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async load() {
      // Apollo subscribes first and reads the schema as soon as load returns.
      const loaded = {
        apiSchema: schema,
        // Only Apollo's schema reporting reads it; printed when it does.
        get coreSupergraphSdl() {
          return printSchema(schema);
        },
      };
      for (const listener of listeners) listener(loaded);
      return { executor: (request) => executor.execute(request) };
    },
    async stop() {
      listeners.clear();
    },
  };
}

/**
 * A deep copy of an AST, sharing the (read-only) locations. graphql-jit writes notes on the
 * field nodes it compiles, and the document Apollo hands over is shared by every request with
 * the same text.
 */
function copyAst<T>(node: T): T {
  if (Array.isArray(node)) return node.map(copyAst) as T;
  if (node === null || typeof node !== "object") return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = key === "loc" ? value : copyAst(value);
  return copy as T;
}
