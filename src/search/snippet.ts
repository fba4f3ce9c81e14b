import { escapeHtml } from "../text/escape-html";
import { htmlToText } from "../text/html-text";
import { foldForSearch } from "./fold";
import type { SearchQuery } from "./search-query";

/** How many words a snippet shows. */
const WINDOW = 24;
/** Snippets escape quotes too. */
const QUOTES = { quotes: true };

/**
 * The best passage of an article for a search: the window of words holding the most
 * distinct matched terms, the matched words in <mark>…</mark>, everything else
 * HTML-escaped. Teaser and body come before the title; null when nothing matches.
 */
export function buildSnippet(query: SearchQuery, texts: { title: string; teaser: string | null; body: string | null }): string | null {
  const matchers = [...query.required.flat()].flatMap((term) =>
    term.tokens.map((token, i) => ({ token, prefix: term.prefix && i === term.tokens.length - 1 })),
  );
  // A word may hold several tokens, as the index splits them: "(FR)EURO", "EURO-Start".
  const matches = (word: string) => {
    for (const token of foldForSearch(word).match(/[\p{L}\p{N}]+/gu) ?? []) {
      const index = matchers.findIndex((m) => (m.prefix ? token.startsWith(m.token) : token === m.token));
      if (index >= 0) return index;
    }
    return -1;
  };
  let best: { words: string[]; marked: number[]; start: number; score: number } | null = null;
  for (const text of [texts.teaser, texts.body ? htmlToText(texts.body) : null, texts.title]) {
    if (!text) continue;
    const words = text.split(/\s+/).filter(Boolean);
    const marked = words.map(matches);
    for (let start = 0; start < Math.max(1, words.length - WINDOW + 1); start++) {
      const found = new Set(marked.slice(start, start + WINDOW).filter((m) => m >= 0));
      if (found.size > (best?.score ?? 0)) best = { words, marked, start, score: found.size };
    }
  }
  if (!best) return null;
  const { words, marked, start } = best;
  const end = Math.min(words.length, start + WINDOW);
  const body = words
    .slice(start, end)
    .map((word, i) => (marked[start + i] >= 0 ? markWord(word) : escapeHtml(word, QUOTES)))
    .join(" ");
  return `${start > 0 ? "… " : ""}${body}${end < words.length ? " …" : ""}`;
}

/** A matched word marked, the punctuation around it (a full stop, quotes, brackets) left outside. */
function markWord(word: string): string {
  const [, before, core, after] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(word) as RegExpExecArray;
  return `${escapeHtml(before, QUOTES)}<mark>${escapeHtml(core, QUOTES)}</mark>${escapeHtml(after, QUOTES)}`;
}
