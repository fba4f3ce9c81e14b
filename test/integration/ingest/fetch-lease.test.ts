import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import type { DataSource } from "typeorm";
import { dialectOf, openDatabase } from "../../../src/db";
import { select } from "../../../src/store/sql";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { addFeedSource, claimSourceFetch, releaseSourceFetch } from "../../../src/store";

describe("fetch leases", () => {
  let store: TestDatabase;
  let one: DataSource;
  let two: DataSource;
  beforeAll(async () => {
    store = await createTestDatabase();
    one = await openDatabase(store.config);
    two = await openDatabase(store.config); // as another process would
  });
  afterAll(async () => {
    await one.destroy();
    await two.destroy();
    await store.drop();
  });

  it("lets one fetcher at a time hold a source, across connections, until it gives it back or the lease runs out", async () => {
    const source = await addFeedSource(one, { url: "https://feeds.example.org/a.xml", name: "A", intervalSeconds: 900 });
    const now = new Date("2026-01-01T10:00:00Z");
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    expect(await claimSourceFetch(one, source.id, now, later(5))).toBe(true);
    expect(await claimSourceFetch(two, source.id, later(1), later(6))).toBe(false);
    await releaseSourceFetch(one, source.id);
    expect(await claimSourceFetch(two, source.id, later(1), later(6))).toBe(true);
    // The holder crashed: after its lease, the source is free again.
    expect(await claimSourceFetch(one, source.id, later(7), later(12))).toBe(true);
  });

  it("takes over at once a lease left by a process of this machine that has ended", async () => {
    const source = await addFeedSource(one, { url: "https://feeds.example.org/b.xml", name: "B", intervalSeconds: 900 });
    const now = new Date("2026-01-01T10:00:00Z");
    const until = new Date(now.getTime() + 5 * 60_000);
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    await select(one, "UPDATE sources SET fetch_lease_until = ?, fetch_lease_holder = ? WHERE id = ?", [
      dialectOf(one).date(new Date("2026-01-01T10:04:00Z")), `${hostname()}:${gone}`, source.id,
    ]);
    expect(await claimSourceFetch(two, source.id, now, until)).toBe(true);
    // A live holder (this process) keeps its lease.
    expect(await claimSourceFetch(one, source.id, now, until)).toBe(false);
  });
});
