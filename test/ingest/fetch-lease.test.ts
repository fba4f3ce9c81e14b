import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import type { DataSource } from "typeorm";
import { openDatabase } from "../../src/db";
import { addFeedSource, claimSourceFetch, releaseSourceFetch } from "../../src/store";

describe("fetch leases", () => {
  let dir: string;
  let one: DataSource;
  let two: DataSource;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsgate-lease-"));
    one = await openDatabase({ kind: "sqlite", path: join(dir, "db.sqlite") });
    two = await openDatabase({ kind: "sqlite", path: join(dir, "db.sqlite") }); // as another process would
  });
  afterAll(async () => {
    await one.destroy();
    await two.destroy();
    rmSync(dir, { recursive: true, force: true });
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
    await one.query("UPDATE sources SET fetch_lease_until = ?, fetch_lease_holder = ? WHERE id = ?", ["2026-01-01 10:04:00.000", `${hostname()}:${gone}`, source.id]);
    expect(await claimSourceFetch(two, source.id, now, until)).toBe(true);
    // A live holder (this process) keeps its lease.
    expect(await claimSourceFetch(one, source.id, now, until)).toBe(false);
  });
});
