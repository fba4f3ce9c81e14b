import type { DataSource } from "typeorm";
import { Role } from "../../src/auth/roles";
import { createApiKey } from "../../src/store";
import type { GraphQLResponse, TestServer } from "./server";

/** A new API key with a role, created directly in the store as `keys create` does. */
export async function createKey(db: DataSource, role: Role, name = `${role} key`): Promise<string> {
  return (await createApiKey(db, { role, name })).key;
}

export interface HttpResult {
  status: number;
  body: GraphQLResponse;
}

/** POSTs an operation with `Authorization: Bearer <key>` (none when key is null); returns status and body. */
export async function gqlAs(server: TestServer, key: string | null, query: string, variables?: Record<string, unknown>): Promise<HttpResult> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${server.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

/** Global id of an article by its numeric key, as the API shows it. */
export const articleId = (id: number): string => Buffer.from(`Article:${id}`).toString("base64url");
