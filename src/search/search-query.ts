import { foldForSearch } from "./fold";

/**
 * What a person types into a search box, parsed:
 *   words            all must match          energy city
 *   "quoted phrase"  words next to each other "public viewing"
 *   prefix*          any word starting so    energ*
 *   -word, -"phrase" must not match          euro -fan
 *   a OR b           either (binds tighter than the implicit AND)
 * Terms hold folded tokens (see foldForSearch), ready for any full-text engine.
 */
export interface SearchTerm {
  /** Folded tokens; more than one is a phrase. */
  tokens: string[];
  /** The last token is a prefix. */
  prefix: boolean;
}

export interface SearchQuery {
  /** Every group must match; a group matches when any of its terms does. */
  required: SearchTerm[][];
  /** No term may match. */
  excluded: SearchTerm[];
}

/** A search the person has to change; the message says how. */
export class SearchSyntaxError extends Error {}

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 32;

type Lexeme = { kind: "term"; term: SearchTerm; negated: boolean; text: string } | { kind: "or" };

const WORD = /[\p{L}\p{N}]+/gu;

/** Parses a search; throws SearchSyntaxError with a helpful message when it is malformed. */
export function parseSearchQuery(input: string): SearchQuery {
  const text = input.trim();
  if (text === "") throw new SearchSyntaxError("The search is empty: type at least one word.");
  if (text.length > MAX_QUERY_LENGTH) {
    throw new SearchSyntaxError(`The search is ${text.length} characters long: keep it under ${MAX_QUERY_LENGTH}.`);
  }
  const lexemes = lex(text);
  const required: SearchTerm[][] = [];
  const excluded: SearchTerm[] = [];
  let group: SearchTerm[] | null = null;
  let expectTerm = false;
  for (let i = 0; i < lexemes.length; i++) {
    const lexeme = lexemes[i];
    if (lexeme.kind === "or") {
      if (!group || expectTerm) throw new SearchSyntaxError("OR needs a word on each side, e.g. energy OR climate.");
      expectTerm = true;
      continue;
    }
    if (lexeme.negated) {
      if (expectTerm || lexemes[i + 1]?.kind === "or") {
        throw new SearchSyntaxError(`An excluded term cannot be part of OR: write ${lexeme.text} on its own.`);
      }
      excluded.push(lexeme.term);
      group = null;
      continue;
    }
    if (expectTerm && group) group.push(lexeme.term);
    else required.push((group = [lexeme.term]));
    expectTerm = false;
  }
  if (expectTerm) throw new SearchSyntaxError("OR needs a word on each side, e.g. energy OR climate.");
  if (required.length === 0) {
    throw new SearchSyntaxError("Add a word to find: -word only excludes articles from what the other words find.");
  }
  if (required.flat().length + excluded.length > MAX_TERMS) {
    throw new SearchSyntaxError(`The search has more than ${MAX_TERMS} terms: use fewer words.`);
  }
  return { required, excluded };
}

function lex(text: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const negated = c === "-" && i + 1 < text.length && !/\s/.test(text[i + 1]);
    if (c === "-" && !negated) throw new SearchSyntaxError('A "-" must stand right before the word it excludes, e.g. -fan.');
    const start = negated ? i + 1 : i;
    if (text[start] === '"') {
      const end = text.indexOf('"', start + 1);
      if (end < 0) throw new SearchSyntaxError(`Close the quote: ${text.slice(start, start + 40)} has no closing ".`);
      const inner = text.slice(start + 1, end);
      const prefix = /\*\s*$/.test(inner);
      const tokens = tokensOf(inner.replace(/\*\s*$/, ""), `"${inner}"`);
      lexemes.push({ kind: "term", term: { tokens, prefix }, negated, text: text.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    let end = start;
    while (end < text.length && !/\s/.test(text[end]) && text[end] !== '"') end++;
    const raw = text.slice(start, end);
    i = end;
    if (!negated && raw === "OR") {
      lexemes.push({ kind: "or" });
      continue;
    }
    const star = raw.indexOf("*");
    if (star >= 0 && star !== raw.length - 1) throw new SearchSyntaxError(`"${raw}": * goes at the end of a word, e.g. energ*.`);
    const tokens = tokensOf(raw.replace(/\*$/, ""), raw);
    const prefix = star >= 0;
    if (prefix && tokens[tokens.length - 1].length < 2) {
      throw new SearchSyntaxError(`"${raw}": give at least two letters before *, e.g. en*.`);
    }
    lexemes.push({ kind: "term", term: { tokens, prefix }, negated, text: text.slice(start - (negated ? 1 : 0), end) });
  }
  return lexemes;
}

function tokensOf(text: string, shown: string): string[] {
  const tokens = (foldForSearch(text).match(WORD) ?? []).filter(Boolean);
  if (tokens.length === 0) throw new SearchSyntaxError(`${shown} has no letters or digits to search for.`);
  return tokens;
}
