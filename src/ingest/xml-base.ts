import type { XmlElement } from "./xml-tree";

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves a reference against a base (RFC 3986) when the base is absolute; against a base
 * that is itself relative (an xml:base whose document URL is not known yet) the two are
 * joined so that the result is still relative to the document and can be resolved later.
 */
export function joinUrl(base: string | null | undefined, ref: string): string {
  const value = ref.trim();
  if (!base || HAS_SCHEME.test(value)) return value;
  if (HAS_SCHEME.test(base)) {
    try {
      return new URL(value, base).href;
    } catch {
      return value;
    }
  }
  if (value.startsWith("/")) return value;
  if (base.startsWith("/")) {
    try {
      const url = new URL(value, new URL(base, "http://relative.invalid/"));
      return base.startsWith("//") ? `//${url.host}${url.pathname}${url.search}${url.hash}` : `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return value;
    }
  }
  if (value === "") return base;
  if (value.startsWith("?") || value.startsWith("#")) return base.replace(/[?#].*$/, "") + value;
  return base.replace(/[?#].*$/, "").replace(/[^/]*$/, "") + value;
}

/** The base URI in force inside an element: its xml:base resolved against the parent's. */
export function baseOf(element: XmlElement | undefined, parentBase: string | null): string | null {
  const own = element?.attrs["xml:base"];
  return own === undefined ? parentBase : joinUrl(parentBase, own);
}

/** A URL written in an element (an attribute or its text), resolved against the element's base. */
export function urlIn(element: XmlElement, value: string | null | undefined, parentBase: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? joinUrl(baseOf(element, parentBase), trimmed) : null;
}
