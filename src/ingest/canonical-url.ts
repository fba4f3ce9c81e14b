/** Query parameters that only track where a reader came from; they never change the page. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|_hsenc|_hsmi|mkt_tok|oly_enc_id|oly_anon_id|__twitter_impression|at_medium|at_campaign|wt_mc|wt\.mc_id|ns_source|ns_mchannel|ns_campaign|ref_src|cmpid)$/i;

/**
 * The canonical form of an article URL, so that the same story found through different
 * feeds or campaigns is one article: resolved against `base`, http(s) only, host lower-case,
 * default port, fragment and tracking parameters (utm_*, fbclid, gclid…) dropped, the
 * remaining parameters kept in their order. Null when it is not an http(s) URL.
 */
export function canonicalUrl(url: string | null | undefined, base?: string | null): string | null {
  if (!url?.trim()) return null;
  let parsed: URL;
  try {
    parsed = base ? new URL(url.trim(), base) : new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  parsed.hash = "";
  parsed.username = "";
  parsed.password = "";
  const kept = [...parsed.searchParams].filter(([key]) => !TRACKING.test(key));
  parsed.search = "";
  for (const [key, value] of kept) parsed.searchParams.append(key, value);
  return parsed.href;
}

/** A URL resolved against a base, http(s) only, otherwise unchanged; null when unusable. */
export function resolveUrl(url: string | null | undefined, base?: string | null): string | null {
  if (!url?.trim()) return null;
  try {
    const parsed = base ? new URL(url.trim(), base) : new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
