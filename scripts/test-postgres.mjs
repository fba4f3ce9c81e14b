#!/usr/bin/env node
// Runs the jest suites on PostgreSQL: `npm run test:postgres [-- jest arguments]`.
//
// With DATABASE_URL=postgres://… (a role that may create databases) the tests use that
// server. Without it, a temporary cluster is started in a temporary directory from the
// PostgreSQL binaries found on the machine (Debian's /usr/lib/postgresql/<version>/bin, or
// whatever pg_config names), listening on 127.0.0.1 at a free port and on a socket in that
// directory, and removed at the end, also when the tests fail or the run is interrupted.
// Run as root, the cluster runs as the user "postgres", since PostgreSQL refuses root.
//
// The tests get NEWSGATE_TEST_POSTGRES_URL; each test server then creates a database of its
// own from a migrated template (see test/helpers/database.ts).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const jestArgs = process.argv.slice(2);

/** The directory of initdb, pg_ctl and postgres; the newest version when several are installed. */
function findBinaries() {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0], "bin");
  }
  try {
    const bindir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (existsSync(join(bindir, "initdb"))) return bindir;
  } catch {
    // no pg_config on the PATH
  }
  throw new Error(
    "No PostgreSQL server binaries found (initdb). Install them (Debian/Ubuntu: apt-get install postgresql postgresql-contrib) " +
      "or set DATABASE_URL=postgres://user:pass@host:5432/db to a server the tests may create databases on.",
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command as the cluster's owner: "postgres" when this process is root. */
function asOwner(command, args) {
  return userInfo().uid === 0 ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

async function startCluster() {
  const bin = findBinaries();
  const dir = mkdtempSync(join(tmpdir(), "newsgate-pg-"));
  const data = join(dir, "data");
  if (userInfo().uid === 0) {
    chownSync(dir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })));
  }
  chmodSync(dir, 0o700);
  const [initdb, initArgs] = asOwner(join(bin, "initdb"), ["-D", data, "-U", "newsgate", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const init = spawnSync(initdb, initArgs, { encoding: "utf8", cwd: dir });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
  }
  const port = await freePort();
  const [postgres, args] = asOwner(join(bin, "postgres"), [
    "-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", dir,
    // A throwaway cluster: durability is not the point, speed is.
    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400",
    "-c", "shared_buffers=64MB",
  ]);
  const server = spawn(postgres, args, { stdio: ["ignore", "ignore", "pipe"], cwd: dir });
  let log = "";
  server.stderr.on("data", (chunk) => (log = (log + chunk).slice(-20_000)));
  // The server is signalled by the pid it wrote, not through runuser, which would not pass
  // the signal on: SIGINT is PostgreSQL's fast shutdown.
  const postmasterPid = () => {
    try {
      return Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]) || 0;
    } catch {
      return 0;
    }
  };
  const alive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  /** Stops the server and removes its directory; synchronous, so that it also works on the way out. */
  const stop = () => {
    const pid = postmasterPid();
    if (pid && alive(pid)) {
      process.kill(pid, "SIGINT");
      const until = Date.now() + 15_000;
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (alive(pid) && Date.now() < until) Atomics.wait(pause, 0, 0, 50);
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `postgres://newsgate@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import("pg");
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (server.exitCode !== null || attempt > 150) {
        stop();
        throw new Error(`PostgreSQL did not start: ${error.message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop };
}

async function dropTemplate(url) {
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("DROP DATABASE IF EXISTS newsgate_test_template WITH (FORCE)");
  } finally {
    await admin.end();
  }
}

async function main() {
  const given = process.env.DATABASE_URL;
  if (given && !/^postgres(ql)?:\/\//.test(given)) {
    throw new Error(`DATABASE_URL=${given} is not a PostgreSQL URL: unset it to use a temporary cluster, or give postgres://…`);
  }
  const cluster = given ? null : await startCluster();
  const url = given ?? cluster.url;
  let interrupted = false;
  let jest = null;
  const onSignal = (signal) => {
    interrupted = true;
    jest?.kill("SIGKILL");
    cluster?.stop();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let status = 1;
  try {
    process.stderr.write(`PostgreSQL for the tests: ${url.replace(/\/\/[^@/]*@/, "//")}${cluster ? " (temporary cluster)" : ""}\n`);
    // The template the test databases are copied from is made afresh by each run (see
    // test/helpers/database.ts), so that it always has the current migrations.
    await dropTemplate(url);
    const env = { ...process.env, NEWSGATE_TEST_POSTGRES_URL: url };
    delete env.DATABASE_URL;
    jest = spawn(process.execPath, [join(root, "node_modules", "jest", "bin", "jest.js"), ...jestArgs], { cwd: root, env, stdio: "inherit" });
    status = await new Promise((resolve) => jest.on("close", (code) => resolve(code ?? 1)));
  } finally {
    if (!interrupted && cluster) cluster.stop();
    else if (!interrupted) await dropTemplate(url).catch(() => undefined);
  }
  process.exit(status);
}

main().catch((error) => {
  process.stderr.write(`test:postgres: ${error.message}\n`);
  process.exit(1);
});
