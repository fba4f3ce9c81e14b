import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db";
import { createLoaders } from "../src/graphql/loaders";
import { ReadGeneration } from "../src/graphql/execution/read-cache";
import { parseSearchQuery } from "../src/search/search-query";

/**
 * The floor for S4's searches nobody asked before: a bare node:http server that, for each
 * request, finds the first page of the search in its body (`variables.q`) as the server's
 * search resolver does (`searchPage` of the loaders, through a read-cache generation that
 * lives as long as the server: a search asked again is answered from it, and each word's
 * match count is counted once), then answers with the same bytes every time (BODY, base64).
 * No GraphQL, no HTTP framework, no response cache: its p99 under the bench's load is the
 * least any server finding those pages this way has on the machine.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const body = Buffer.from(process.env.BODY ?? "", "base64");
  const kept = new ReadGeneration(0, Number.MAX_SAFE_INTEGER);
  const firstPage = { direction: "forward" as const, limit: 20, cursor: null };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { variables: { q: string } };
      createLoaders(db, () => kept)
        .searchPage(parseSearchQuery(variables.q), undefined, firstPage)
        .then(
          () => {
            res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
            res.end(body);
          },
          (error: Error) => {
            res.writeHead(500, { "content-type": "text/plain" });
            res.end(error.message);
          },
        );
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
