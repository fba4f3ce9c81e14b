import { MONTH_BY_NAME, WEEKDAY_NAMES, ZONE_OFFSETS } from "./date-words";

const ISO = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a feed date: RFC 822/1123/2822 ("Tue, 18 Jun 2024 10:00:00 +0200"), ISO 8601 and
 * the broken variants found in feeds — two-digit years, missing seconds or zone (read as
 * UTC), zone names (CEST, PST…), "GMT+2", AM/PM, day-first numeric dates (18.06.2024), and
 * day and month names in German, French, Spanish, Portuguese and Italian. Returns null
 * when nothing sensible can be read (the caller falls back to the first-seen time).
 */
export function parseFeedDate(input: string | null | undefined): Date | null {
  if (!input) return null;
  const text = input.trim();
  if (!text || text.length > 100) return null;
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = iso;
    return build(+y, +mo, +d, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000), zone ? offsetOf(zone) : 0);
  }
  return parseLoose(text);
}

function offsetOf(zone: string): number {
  if (/^z$/i.test(zone)) return 0;
  const match = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

const fold = (s: string) =>
  s.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/** Token by token: words (months, weekdays, zones, am/pm), times, offsets and numbers. */
function parseLoose(text: string): Date | null {
  let rest = ` ${fold(text)} `;
  let hour = 0, minute = 0, second = 0, millis = 0, offset: number | null = null;

  const time = /[\st,](\d{1,2})[:h.](\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?\s*(am|pm|a\.m\.|p\.m\.)?(?=[\s,+-]|z|$)/.exec(rest);
  if (time) {
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
    millis = Number((time[4] ?? "0").padEnd(3, "0"));
    const meridiem = time[5]?.[0];
    if (meridiem && (hour < 1 || hour > 12)) return null;
    if (meridiem === "p" && hour < 12) hour += 12;
    if (meridiem === "a" && hour === 12) hour = 0;
    rest = rest.slice(0, time.index) + " " + rest.slice(time.index + time[0].length);
  }
  const numericOffset = /(?:\b(?:gmt|utc|ut)\s*)?([+-])(\d{2}):?(\d{2})\b|\b(?:gmt|utc|ut)\s*([+-])(\d{1,2})\b/.exec(rest);
  if (numericOffset && (time || numericOffset[0].length > 4)) {
    const sign = (numericOffset[1] ?? numericOffset[4]) === "-" ? -1 : 1;
    offset = sign * (Number(numericOffset[2] ?? numericOffset[5]) * 60 + Number(numericOffset[3] ?? 0));
    rest = rest.slice(0, numericOffset.index) + " " + rest.slice(numericOffset.index + numericOffset[0].length);
  }

  const words = rest.match(/[a-z]+\.?/g) ?? [];
  const months: number[] = [];
  const monthWords: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/\.$/, "");
    if (MONTH_BY_NAME.has(word)) {
      months.push(MONTH_BY_NAME.get(word)!);
      monthWords.push(word);
    } else if (offset === null && word in ZONE_OFFSETS) {
      offset = ZONE_OFFSETS[word];
    } else if (!WEEKDAY_NAMES.has(word) && !["de", "del", "do", "da", "le", "am", "um", "at", "the", "of", "h", "t", "uhr", "a", "e"].includes(word)) {
      if (word.length > 1 || !/[a-z]/.test(word)) return null; // a word that is no part of a date
    }
  }
  // "mar" is Tuesday in French, Spanish and Italian, and March everywhere: a weekday name
  // that comes first gives way to a later month name.
  if (months.length > 1 && WEEKDAY_NAMES.has(monthWords[0])) months.shift();

  const numbers = (rest.match(/\d+/g) ?? []).map((n) => ({ value: Number(n), digits: n.length }));
  let year: number | undefined, month: number | undefined, day: number | undefined;
  if (months.length) {
    month = months[0];
    const long = numbers.find((n) => n.digits === 4);
    const short = numbers.filter((n) => n.digits <= 2);
    if (long) {
      year = long.value;
      day = short[0]?.value;
    } else if (short.length >= 2) {
      day = short[0].value;
      year = twoDigitYear(short[1].value);
    }
  } else if (numbers.length === 3) {
    const [a, b, c] = numbers;
    if (a.digits === 4) [year, month, day] = [a.value, b.value, c.value]; // 2024/06/18
    else if (/\d\.\d/.test(rest) || a.value > 12) [day, month, year] = [a.value, b.value, c.digits === 4 ? c.value : twoDigitYear(c.value)]; // 18.06.2024
    else [month, day, year] = [a.value, b.value, c.digits === 4 ? c.value : twoDigitYear(c.value)]; // 06/18/2024
  }
  if (year === undefined || month === undefined || day === undefined) return null;
  return build(year, month, day, hour, minute, second, millis, offset ?? 0);
}

/** RFC 2822: two-digit years below 50 are 20xx, the others 19xx. */
function twoDigitYear(value: number): number {
  return value < 50 ? 2000 + value : 1900 + value;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, offsetMinutes: number): Date | null {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (Math.abs(offsetMinutes) > 14 * 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  return new Date(utc);
}
