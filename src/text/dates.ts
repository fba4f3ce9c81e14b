/**
 * The instant at which a calendar day reaches `hour` o'clock in a time zone, e.g. noon of
 * 2024-06-18 in Europe/Berlin → 2024-06-18T10:00:00.000Z (summer time).
 */
export function zonedDayAt(day: string, hour: number, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`"${day}" is not a day: use YYYY-MM-DD`);
  const asUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour);
  return new Date(asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000);
}

/** Formatters are costly to make: one per time zone, kept. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at an instant (Europe/Berlin in June: 120). */
export function offsetMinutes(at: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const name = format
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/**
 * The zone's offset from UTC over a span of time, as segments: each `minutes` holds from
 * its `from` instant (ms) until the next segment's. Daylight-saving changes are found week
 * by week and then to the minute.
 */
export function offsetSegments(timeZone: string, fromMs: number, toMs: number): { from: number; minutes: number }[] {
  // Offset changes lie months apart: a week's step cannot miss one.
  const STEP = 7 * 86_400_000;
  const at = (ms: number) => offsetMinutes(new Date(ms), timeZone);
  const segments = [{ from: Number.MIN_SAFE_INTEGER, minutes: at(fromMs - STEP) }];
  for (let t = fromMs - STEP; t <= toMs + STEP; t += STEP) {
    const next = at(t + STEP);
    if (next === segments[segments.length - 1].minutes) continue;
    // Offsets change on a whole minute: search minutes, not milliseconds.
    let lo = Math.floor(t / 60_000);
    let hi = Math.floor((t + STEP) / 60_000);
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (at(mid * 60_000) === next) hi = mid;
      else lo = mid;
    }
    segments.push({ from: hi * 60_000, minutes: next });
  }
  return segments;
}

/** True when the text names a time zone this runtime knows, e.g. "Europe/Berlin". */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
