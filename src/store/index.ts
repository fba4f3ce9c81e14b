/** The data layer: every SQL statement Newsgate sends lives below this folder. */
export * from "./article-draft";
export * from "./article-filter";
export * from "./article-parts";
export * from "./articles";
export * from "./page";
export * from "./related";
export * from "./sources";
export * from "./tags";
export { upsertArticles } from "./upsert-articles";
export { UNDATED_SORT_AT } from "./rows";
export * from "./source-admin";
export * from "./search";
export * from "./facets";
export * from "./changes";
