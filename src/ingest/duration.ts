/**
 * A duration in seconds as podcasts write it: "HH:MM:SS", "MM:SS" or seconds (fractions
 * allowed). Null when unreadable or not positive.
 */
export function parseDuration(value: string | null | undefined): number | null {
  const text = value?.trim();
  if (!text || !/^\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){0,2}$/.test(text)) return null;
  const seconds = text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : null;
}
