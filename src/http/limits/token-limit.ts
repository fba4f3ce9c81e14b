import { Lexer, Source, TokenKind } from "graphql";

/**
 * Counts the lexical tokens of `query` the way graphql's parser does (comments and the
 * end marker excluded), stopping as soon as the count passes `stopAfter` so an oversized
 * query costs no more than the limit to inspect. Text that does not lex ends the count
 * there; the parser reports the syntax error afterwards.
 */
export function countTokens(query: string, stopAfter: number): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (count <= stopAfter && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A syntax error: counted up to there.
  }
  return count;
}
