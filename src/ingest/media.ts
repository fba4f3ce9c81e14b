import { parseDuration } from "./duration";
import { NS, inNs, nsChild, nsChildren } from "./namespaces";
import type { ParsedAttachment, ParsedImage } from "./parsed-feed";
import { baseOf, urlIn } from "./xml-base";
import { textOf, type XmlElement } from "./xml-tree";

const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif|svg)(\?|#|$)/i;

const toInt = (value: string | undefined) => {
  const n = Number(value?.trim());
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n > 0 ? n : null;
};

/** True when a media:content or enclosure is an image by its type, medium or, lacking both, its extension. */
function isImage(element: XmlElement): boolean {
  const type = element.attrs.type?.toLowerCase().trim();
  const medium = element.attrs.medium?.toLowerCase().trim();
  if (type) return type.startsWith("image/");
  if (medium) return medium === "image";
  return IMAGE_EXTENSION.test(element.attrs.url ?? element.attrs.href ?? "");
}

/** A file of an item, with the element that names it and the URL attribute. */
interface MediaRef {
  element: XmlElement;
  url: string;
  kind: "enclosure" | "link" | "content" | "thumbnail" | "itunes";
  /** The media:group or item the element sits in (for media:title and media:description). */
  parent: XmlElement;
}

/** Every file an RSS item or Atom entry names, in document order, with its URL resolved against xml:base. */
function mediaRefs(item: XmlElement, itemBase: string | null): MediaRef[] {
  const refs: MediaRef[] = [];
  const add = (element: XmlElement, value: string | undefined, kind: MediaRef["kind"], parent: XmlElement, base: string | null) => {
    const url = urlIn(element, value, base);
    if (url) refs.push({ element, url, kind, parent });
  };
  const visit = (parent: XmlElement, base: string | null) => {
    for (const node of parent.children) {
      if (typeof node === "string") continue;
      if (inNs(node, NS.media)) {
        if (node.local === "content") add(node, node.attrs.url, "content", parent, base);
        else if (node.local === "thumbnail") add(node, node.attrs.url, "thumbnail", parent, base);
        else if (node.local === "group") visit(node, baseOf(node, base));
      } else if (inNs(node, NS.itunes)) {
        if (node.local === "image") add(node, node.attrs.href ?? node.attrs.url, "itunes", parent, base);
      } else if (node.local === "enclosure") add(node, node.attrs.url ?? node.attrs.href, "enclosure", parent, base);
      else if (node.local === "link" && node.attrs.rel?.trim().toLowerCase() === "enclosure") add(node, node.attrs.href, "link", parent, base);
    }
  };
  visit(item, itemBase);
  return refs;
}

/**
 * The images of an RSS item or Atom entry: image enclosures, media:content, media:thumbnail
 * (also inside media:group) and itunes:image, in document order.
 */
export function mediaImages(item: XmlElement, itemBase: string | null = null): ParsedImage[] {
  const images: ParsedImage[] = [];
  for (const ref of mediaRefs(item, itemBase)) {
    const { element, kind } = ref;
    if ((kind === "enclosure" || kind === "link" || kind === "content") && !isImage(element)) continue;
    const alt = kind === "content" ? mediaText(element) : kind === "thumbnail" ? mediaText(ref.parent) : null;
    images.push({ url: ref.url, alt: alt ?? null, width: toInt(element.attrs.width), height: toInt(element.attrs.height) });
  }
  return images;
}

/**
 * The files of an item that are not images (enclosures, Atom enclosure links, media:content),
 * in document order, each URL once (the first naming wins; later ones fill what it lacks).
 * `itemDuration` (itunes:duration) applies where the file gives none.
 */
export function mediaAttachments(item: XmlElement, itemBase: string | null, itemDuration: number | null): ParsedAttachment[] {
  const byUrl = new Map<string, ParsedAttachment>();
  for (const ref of mediaRefs(item, itemBase)) {
    const { element, kind } = ref;
    if (kind === "thumbnail" || kind === "itunes" || isImage(element)) continue;
    const attachment: ParsedAttachment = {
      url: ref.url,
      mimeType: element.attrs.type?.trim() || null,
      sizeInBytes: toInt(element.attrs.length ?? element.attrs.fileSize),
      durationInSeconds: parseDuration(element.attrs.duration),
      title: (kind === "content" ? mediaTitle(element) ?? mediaTitle(ref.parent, true) : element.attrs.title?.trim()) || null,
    };
    const earlier = byUrl.get(ref.url);
    if (!earlier) byUrl.set(ref.url, attachment);
    else for (const key of ["mimeType", "sizeInBytes", "durationInSeconds", "title"] as const) if (earlier[key] == null) Object.assign(earlier, { [key]: attachment[key] });
  }
  const attachments = [...byUrl.values()];
  for (const attachment of attachments) {
    if (attachment.durationInSeconds == null && itemDuration !== null && !/^(?!audio|video)\w+\//i.test(attachment.mimeType ?? "")) attachment.durationInSeconds = itemDuration;
  }
  return attachments;
}

/** The media:description or media:title of a media element, as an image's alt text. */
function mediaText(element: XmlElement): string | null {
  const [text] = [...nsChildren(element, "description", NS.media), ...nsChildren(element, "title", NS.media)];
  return text ? text.children.filter((c) => typeof c === "string").join("").trim() || null : null;
}

/** The media:title of a media:content (or of its media:group, never of the item itself). */
function mediaTitle(element: XmlElement, groupOnly = false): string | null {
  if (groupOnly && !(element.local === "group" && inNs(element, NS.media))) return null;
  return textOf(nsChild(element, "title", NS.media)).trim() || null;
}
