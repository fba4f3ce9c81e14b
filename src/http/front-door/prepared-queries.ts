import { parse as parseJson } from "secure-json-parse";
import { LruMap } from "../../cache/lru-map";
import type { PreparedRuns, SharedAnswer } from "../../cache/response-cache";
import type { CompiledRun } from "../../graphql";

/** What the answers of one prepared query share, taken from the answer the GraphQL route gave it. */
export type PreparedAnswer = SharedAnswer;

interface PreparedQuery extends PreparedAnswer {
  run: CompiledRun;
}

/** A POST body as the front door reads it: a query by its text, without extensions. */
interface QueryRequest {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export interface PreparedQueriesOptions {
  /** How many query texts are kept prepared; the least recently used go first. */
  maxQueries: number;
  /** The executor's compiled run of a query Apollo hashed, or null when it is not compiled. */
  compiledRun: (queryHash: string, operationName: string | undefined) => CompiledRun | null;
  /** A fresh request context reading through the read cache at a change number. */
  context: (version: number) => object;
}

/**
 * Queries the GraphQL route has answered cleanly, kept ready to be run at the server's front
 * door (see front-door.ts) without the framework and Apollo's request pipeline, which cost more
 * than running a compiled query whose data is in the read cache.
 *
 * A query text is prepared once the route has answered it, by POST and from an anonymous
 * caller the front door let through, with data and no errors, computed by graphql-jit, with
 * an answer that may be shared (public max-age). By then Apollo has parsed and validated the
 * same text (limits included), found its operation to be a query, and the answer's headers
 * and cost are known; none of these depends on the variables. A request comes back here only
 * with the same text, operation name and Accept header, so it would get the same headers.
 *
 * A run whose result is not plain data (an error, variables graphql-jit refuses, a query no
 * longer compiled) answers null, and the request goes on to the route, which answers it in
 * full; queries only read, so running one twice is safe.
 */
export class PreparedQueries implements PreparedRuns {
  private readonly queries: LruMap<string, PreparedQuery>;

  constructor(private readonly options: PreparedQueriesOptions) {
    this.queries = new LruMap(Math.max(1, options.maxQueries));
  }

  /** Prepares the query of a POST body the route answered; see the class comment for when. */
  remember(accept: string | undefined, body: unknown, queryHash: string, answer: PreparedAnswer): void {
    const request = queryRequest(body);
    if (!request) return;
    const run = this.options.compiledRun(queryHash, request.operationName);
    if (run) this.queries.set(keyOf(accept, request), { run, ...answer });
  }

  /**
   * Runs a POST body's query if it is prepared: its data as JSON, and what its answer
   * shares; null when the route must answer.
   */
  async run(accept: string | undefined, body: Buffer, version: number): Promise<{ data: string; answer: PreparedAnswer } | null> {
    let request: QueryRequest | null;
    try {
      // Parsed as the framework parses JSON bodies: members that poison prototypes are refused.
      request = queryRequest(parseJson(body.toString(), JSON_OPTIONS));
    } catch {
      return null; // not JSON, or refused: the route says what is wrong
    }
    const prepared = request && this.queries.get(keyOf(accept, request));
    if (!request || !prepared) return null;
    const result = await prepared.run(this.options.context(version), request.variables);
    if (!result || result.errors?.length || result.data == null) return null;
    return { data: JSON.stringify(result.data), answer: prepared };
  }
}

/** Fastify's own settings for JSON bodies (onProtoPoisoning and onConstructorPoisoning). */
const JSON_OPTIONS = { protoAction: "error", constructorAction: "error" } as const;

const keyOf = (accept: string | undefined, request: QueryRequest): string => `${accept ?? ""}\n${request.operationName ?? ""}\n${request.query}`;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

const REQUEST_KEYS = new Set(["query", "operationName", "variables", "extensions"]);

/** The body's query request; null for anything else (extensions such as persisted queries included). */
function queryRequest(body: unknown): QueryRequest | null {
  if (!isObject(body) || typeof body.query !== "string" || !Object.keys(body).every((key) => REQUEST_KEYS.has(key))) return null;
  const { query, operationName, variables, extensions } = body;
  if (operationName != null && typeof operationName !== "string") return null;
  if (variables != null && !isObject(variables)) return null;
  if (extensions != null && (!isObject(extensions) || Object.keys(extensions).length > 0)) return null;
  return { query, operationName: operationName ?? undefined, variables: variables ?? undefined };
}
