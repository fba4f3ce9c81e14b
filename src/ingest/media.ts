import { NS, inNs, nsChildren } from "./namespaces";
import type { ParsedImage } from "./parsed-feed";
import type { XmlElement } from "./xml-tree";

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif|svg)(\?|#|$)/i;

const toInt = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : null;
};

/** True when a media:content or enclosure is an image by its type, medium or, lacking both, its extension. */
function isImage(element: XmlElement): boolean {
  const type = element.attrs.type?.toLowerCase();
  const medium = element.attrs.medium?.toLowerCase();
  if (type) return type.startsWith("image/");
  if (medium) return medium === "image";
  return IMAGE_EXTENSION.test(element.attrs.url ?? element.attrs.href ?? "");
}

/**
 * The images of an RSS item or Atom entry: image enclosures, media:content, media:thumbnail
 * (also inside media:group) and itunes:image, in document order.
 */
export function mediaImages(item: XmlElement): ParsedImage[] {
  const images: ParsedImage[] = [];
  const add = (url: string | undefined, element: XmlElement, alt?: string | null) => {
    if (url?.trim()) images.push({ url: url.trim(), alt: alt ?? null, width: toInt(element.attrs.width), height: toInt(element.attrs.height) });
  };
  const visit = (parent: XmlElement) => {
    for (const node of parent.children) {
      if (typeof node === "string") continue;
      if (node.local === "enclosure" && !node.uri && isImage(node)) add(node.attrs.url, node);
      else if (node.local === "link" && node.attrs.rel === "enclosure" && isImage(node)) add(node.attrs.href, node);
      else if (inNs(node, NS.media)) {
        if (node.local === "content" && isImage(node)) add(node.attrs.url, node, mediaText(node));
        else if (node.local === "thumbnail") add(node.attrs.url, node, mediaText(parent));
        else if (node.local === "group") visit(node);
      } else if (node.local === "image" && inNs(node, NS.itunes)) add(node.attrs.href, node);
    }
  };
  visit(item);
  return images;
}

/** The media:description or media:title of a media element, as an image's alt text. */
function mediaText(element: XmlElement): string | null {
  const [text] = [...nsChildren(element, "description", NS.media), ...nsChildren(element, "title", NS.media)];
  return text ? text.children.filter((c) => typeof c === "string").join("").trim() || null : null;
}
