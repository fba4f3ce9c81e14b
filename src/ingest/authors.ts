import type { ParsedAuthor } from "./parsed-feed";

const EMAIL = /^(?:mailto:)?([^\s@()<>]+@[^\s@()<>]+\.[^\s@()<>]+)$/i;

/**
 * Reads an author as RSS writes it: "email (Name)" by the spec, also "Name <email>",
 * "Name (email)", a bare email or a bare name.
 */
export function authorFromText(value: string | null | undefined): ParsedAuthor | null {
  const text = value?.replace(/\s+/g, " ").trim();
  if (!text) return null;
  const bare = EMAIL.exec(text);
  if (bare) return { name: null, email: bare[1] };
  const emailThenName = /^(?:mailto:)?(\S+@\S+)\s*\((.+)\)$/.exec(text);
  if (emailThenName) return { name: emailThenName[2].trim() || null, email: emailThenName[1] };
  const nameThenEmail = /^(.+?)\s*[(<]\s*(?:mailto:)?(\S+@[^\s)>]+)\s*[)>]$/.exec(text);
  if (nameThenEmail) return { name: nameThenEmail[1].replace(/^["']|["']$/g, "").trim() || null, email: nameThenEmail[2] };
  return { name: text };
}

/** Authors without repeats: the same name (ignoring case) or, lacking names, the same email once. */
export function uniqueAuthors(authors: (ParsedAuthor | null | undefined)[]): ParsedAuthor[] {
  const out: ParsedAuthor[] = [];
  for (const author of authors) {
    if (!author || (!author.name && !author.email)) continue;
    const key = (author.name ?? author.email ?? "").toLowerCase();
    const same = out.find((a) => (a.name ?? a.email ?? "").toLowerCase() === key);
    if (!same) out.push(author);
    else {
      same.url ??= author.url ?? null;
      same.email ??= author.email ?? null;
    }
  }
  return out;
}
