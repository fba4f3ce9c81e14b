import type BetterSqlite3 from "better-sqlite3";

/**
 * The better-sqlite3 build this Node.js runs safely. Release 12 wraps its objects in
 * node::ObjectWrap, whose destructor on Node.js 24 looks up the current environment and
 * aborts the process when the garbage collector frees a statement while none is entered
 * ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook). Release 13 is built
 * on Node-API and has no such hook, but it needs Node.js 22 or later and crashes on Node.js 20.
 * Both have the same JavaScript API, so Node.js 24 and later get 13 and older lines keep 12.
 */
export const NODE_API_SQLITE_FROM_MAJOR = 24;

export function sqliteDriver(nodeVersion = process.versions.node): typeof BetterSqlite3 {
  const major = Number(nodeVersion.split(".")[0]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the build this Node.js runs is loaded
  return major >= NODE_API_SQLITE_FROM_MAJOR ? require("better-sqlite3-napi") : require("better-sqlite3");
}
