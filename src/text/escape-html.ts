const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text as HTML: `&`, `<` and `>` escaped, so it reads as text between tags. With `quotes`,
 * `"` and `'` are escaped too (search snippets are escaped so; stored feed content is not,
 * and keeps its content hash).
 */
export function escapeHtml(text: string, options: { quotes?: boolean } = {}): string {
  return text.replace(options.quotes ? /[&<>"']/g : /[&<>]/g, (c) => ENTITIES[c]);
}
