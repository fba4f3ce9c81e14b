/*
 * newsgate_bm25(fts_table, phrase_counts, weight, ...): FTS5's BM25 ranking, with the number
 * of rows each phrase of the query matches given by the caller instead of counted on every
 * query.
 *
 * FTS5's own bm25() counts, once per query, the rows matching each phrase (the inverse
 * document frequency needs it) by reading the phrase's whole doclist: for a common word in a
 * large store that costs milliseconds, far more than scoring the rows a page needs. The
 * caller keeps those counts between queries and passes them as a blob of native doubles, one
 * per phrase, in the order the phrases appear in the MATCH expression. The scores are then
 * the same as bm25()'s.
 *
 * Loaded by the server with better-sqlite3's loadExtension; see scripts/build-native.mjs.
 */
#include <math.h>
#include <string.h>
#include "sqlite3ext.h"
#include "fts5.h"
SQLITE_EXTENSION_INIT1

#define K1 1.2
#define B 0.75

/* What is the same for every row of one query. */
typedef struct Bm25Query {
  int phrases;
  double averageLength; /* tokens per row over the whole table */
  double *idf;          /* per phrase */
  double *frequency;    /* per phrase, reused for each row */
} Bm25Query;

static int prepareQuery(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_value *counts, Bm25Query **out) {
  Bm25Query *q = (Bm25Query *)api->xGetAuxdata(fts, 0);
  if (q) {
    *out = q;
    return SQLITE_OK;
  }
  int phrases = api->xPhraseCount(fts);
  int bytes = sqlite3_value_bytes(counts);
  const double *given = (const double *)sqlite3_value_blob(counts);
  if (sqlite3_value_type(counts) != SQLITE_BLOB || bytes != (int)(phrases * sizeof(double))) return SQLITE_MISMATCH;

  q = (Bm25Query *)sqlite3_malloc64(sizeof(Bm25Query) + (sqlite3_int64)phrases * 2 * sizeof(double));
  if (!q) return SQLITE_NOMEM;
  q->phrases = phrases;
  q->idf = (double *)&q[1];
  q->frequency = q->idf + phrases;

  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc != SQLITE_OK) {
    sqlite3_free(q);
    return rc;
  }
  q->averageLength = rows > 0 ? (double)tokens / (double)rows : 1.0;
  for (int i = 0; i < phrases; i++) {
    double matching;
    memcpy(&matching, (const char *)given + i * sizeof(double), sizeof(double));
    double idf = log(((double)rows - matching + 0.5) / (matching + 0.5));
    /* A phrase in more than half of the rows would weigh below zero: it weighs almost nothing. */
    q->idf[i] = idf > 0.0 ? idf : 1e-6;
  }
  rc = api->xSetAuxdata(fts, q, sqlite3_free);
  if (rc != SQLITE_OK) return rc; /* xSetAuxdata freed q */
  *out = q;
  return SQLITE_OK;
}

static void bm25WithCounts(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (argc < 1) {
    sqlite3_result_error(ctx, "newsgate_bm25: the phrase counts are missing", -1);
    return;
  }
  Bm25Query *q = 0;
  int rc = prepareQuery(api, fts, argv[0], &q);
  if (rc == SQLITE_MISMATCH) {
    sqlite3_result_error(ctx, "newsgate_bm25: the phrase counts must be a blob of one double per phrase", -1);
    return;
  }
  int instances = 0;
  if (rc == SQLITE_OK) {
    memset(q->frequency, 0, sizeof(double) * q->phrases);
    rc = api->xInstCount(fts, &instances);
  }
  for (int i = 0; rc == SQLITE_OK && i < instances; i++) {
    int phrase, column, offset;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK) q->frequency[phrase] += column + 1 < argc ? sqlite3_value_double(argv[column + 1]) : 1.0;
  }
  int length = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double score = 0.0;
  double norm = K1 * (1 - B + B * (double)length / q->averageLength);
  for (int i = 0; i < q->phrases; i++) {
    double f = q->frequency[i];
    score += q->idf[i] * ((f * (K1 + 1.0)) / (f + norm));
  }
  sqlite3_result_double(ctx, -score);
}

/* FTS5 hands out its extension API through a pointer bound to `SELECT fts5(?)`. */
static fts5_api *fts5Of(sqlite3 *db) {
  fts5_api *api = 0;
  sqlite3_stmt *stmt = 0;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_newsgatefts_init(sqlite3 *db, char **error, const sqlite3_api_routines *routines) {
  SQLITE_EXTENSION_INIT2(routines);
  fts5_api *api = fts5Of(db);
  if (!api || api->iVersion < 2) {
    *error = sqlite3_mprintf("newsgate_bm25 needs SQLite built with FTS5");
    return SQLITE_ERROR;
  }
  return api->xCreateFunction(api, "newsgate_bm25", 0, bm25WithCounts, 0);
}
