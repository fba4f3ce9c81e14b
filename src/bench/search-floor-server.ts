import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadConfig } from "../config";
import { openDatabase } from "../db";
import { parseSearchQuery } from "../search/search-query";
import * as store from "../store";

/**
 * The floor for S4's searches nobody asked before: a bare node:http server that, for each
 * request, finds the page of the search in its body (`variables.q`) with the statement the
 * server runs for a search it has not seen at this change number (the page's keys, scored;
 * each phrase's match count counted once), then answers with the same bytes every time (BODY,
 * base64). As the server's read cache does, it keeps what it found: a search asked again
 * costs no statement. No GraphQL and nothing else: its p99 under the bench's load is the
 * least any server ranking those searches this way has on the machine.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const body = Buffer.from(process.env.BODY ?? "", "base64");
  const matchCounts = new Map<string, number>();
  const firstPage = { direction: "forward" as const, limit: 20, cursor: null };
  const found = new Set<string>();

  const search = async (text: string) => {
    if (found.has(text)) return;
    const query = parseSearchQuery(text);
    const phrases = store.rankingPhrases(db, query);
    let counts: number[] | undefined;
    if (phrases) {
      const missing = [...new Set(phrases.filter((p) => !p.excluded && !matchCounts.has(p.phrase)).map((p) => p.phrase))];
      if (missing.length) (await store.countPhraseMatches(db, missing)).forEach((n, i) => matchCounts.set(missing[i], n));
      counts = phrases.map((p) => (p.excluded ? 0 : (matchCounts.get(p.phrase) as number)));
    }
    await store.findSearchPageKeys(db, query, undefined, firstPage, counts);
    found.add(text);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { variables: { q: string } };
      search(variables.q).then(
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
