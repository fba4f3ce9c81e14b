/**
 * Global ids: opaque to clients, they carry the type name and the primary key
 * (base64url of "Type:123"), so node(id:) can find any object.
 */
export type NodeType = "Article" | "Tag" | "Image" | "Source";

const NODE_TYPES: ReadonlySet<string> = new Set<NodeType>(["Article", "Tag", "Image", "Source"]);

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

/** The type and key of a global id, or null when the text is not one of ours. */
export function fromGlobalId(globalId: string): { type: NodeType; id: number } | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(globalId)) return null;
  const match = /^([A-Za-z]+):([1-9]\d{0,15})$/.exec(Buffer.from(globalId, "base64url").toString("utf8"));
  if (!match || !NODE_TYPES.has(match[1])) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id)) return null;
  return { type: match[1] as NodeType, id };
}
