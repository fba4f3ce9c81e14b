import type { MessagePort } from "node:worker_threads";
import { parseDocument, type ParsedDocument, type ParseTask } from "./parse-document";

/** A document for a parsing worker, and the port on which it says that it has started. */
export interface WorkerTask {
  task: ParseTask;
  started: MessagePort;
}

/** What a worker answers: the document read, or why it could not be (errors lose their class between threads). */
export type WorkerAnswer = { document: ParsedDocument } | { error: string };

/** The function each parsing worker runs (see parse-pool.ts): the time budget starts when it says so. */
export default function parseInWorker({ task, started }: WorkerTask): WorkerAnswer {
  started.postMessage(true);
  try {
    return { document: parseDocument(task) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
