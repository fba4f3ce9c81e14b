import { zonedDayAt } from "../text/dates";

export type DateInterval = "DAY" | "WEEK" | "MONTH";

export interface Bucket {
  /** "2024-06-18", "2024-W25" or "2024-06" */
  key: string;
  /** The bucket's first instant in the time zone. */
  start: Date;
  count: number;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Folds counts per local day (days since 1970-01-01 local) into buckets of an interval, oldest first. */
export function bucketDays(days: { key: number; count: number }[], interval: DateInterval, timeZone: string): Bucket[] {
  const buckets = new Map<string, { day: string; count: number }>();
  for (const { key, count } of days) {
    const date = new Date(key * DAY_MS);
    let bucketKey: string;
    let first: Date;
    if (interval === "DAY") {
      bucketKey = ymd(date);
      first = date;
    } else if (interval === "MONTH") {
      bucketKey = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
      first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
    } else {
      const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
      first = new Date(date.getTime() - weekday * DAY_MS);
      const thursday = new Date(first.getTime() + 3 * DAY_MS);
      const isoYear = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * DAY_MS)) + 1;
      bucketKey = `${isoYear}-W${pad(week)}`;
    }
    const bucket = buckets.get(bucketKey);
    if (bucket) bucket.count += count;
    else buckets.set(bucketKey, { day: ymd(first), count });
  }
  return [...buckets].map(([key, { day, count }]) => ({ key, start: zonedDayAt(day, 0, timeZone), count }));
}
