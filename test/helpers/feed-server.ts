import { readFileSync } from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** Reads a fixture of test/fixtures/feeds as bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, "..", "fixtures", "feeds", name));
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Serves a route at a path (replacing what was there). */
  route(path: string, handler: Route): void;
  /** Serves bytes with headers at a path. */
  serve(path: string, body: Buffer | string, headers?: Record<string, string>): void;
  /** The requests received so far, in order. */
  requests: { path: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

/**
 * A local HTTP server on 127.0.0.1 and an ephemeral port that serves feed fixtures and
 * hazards (slow answers, redirects, endless bodies) to the fetcher under test.
 */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer["requests"] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    requests.push({ path: req.url ?? "/", headers: req.headers });
    const route = routes.get(path);
    if (route) route(req, res);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => routes.set(path, handler),
    serve: (path, body, headers = {}) =>
      routes.set(path, (_req, res) => res.writeHead(200, { "content-type": "application/xml", ...headers }).end(body)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
