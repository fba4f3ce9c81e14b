import "reflect-metadata";
import { runHttpBench } from "./http.bench";
import { runIngestBench } from "./ingest.bench";
import { runSearchBench } from "./search.bench";

/**
 * `npm run bench`: every benchmark in one run. `npm run bench -- 10000,100000` (the default)
 * sets the database sizes of the search benchmark; generated databases are kept under
 * data/bench/ for the next run.
 */
async function main(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(
      [
        "usage: npm run bench [-- SIZES]",
        "  Runs the ingestion, search and HTTP benchmarks against the build in dist/.",
        "  SIZES: database sizes of the search benchmark, comma-separated (default 10000,100000);",
        "  generated databases are kept under data/bench/.",
        "  One benchmark alone: node dist-dev/bench/ingest.bench.js (or search.bench.js [SIZE...], http.bench.js).",
      ].join("\n"),
    );
    return;
  }
  await runIngestBench();
  const sizes = (process.argv[2] ?? "10000,100000").split(",").map(Number).filter((n) => n > 0);
  await runSearchBench(sizes);
  await runHttpBench();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
