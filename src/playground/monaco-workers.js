import workerFiles from "newsgate:monaco-workers";

// Monaco asks for a web worker per language service. The workers are bundled next to this
// script at build time (see scripts/build-playground.mjs), so nothing is fetched elsewhere.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const file = workerFiles[label] ?? workerFiles.editor;
    return new Worker(new URL(file, import.meta.url), { name: `newsgate-${label}` });
  },
};
