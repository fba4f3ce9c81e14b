import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildNewsgateSchema, schemaSdl } from "../src/graphql";

/**
 * Writes schema/schema.graphql from the code; a test fails when the two differ. Run as
 * `npm run schema`, from dist-dev/scripts/ (see scripts/build-dev.mjs).
 */
async function main(): Promise<void> {
  const path = join(__dirname, "..", "..", "schema", "schema.graphql");
  writeFileSync(path, schemaSdl(await buildNewsgateSchema()));
  console.log(`wrote ${path}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
