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

/** The zone's offset from UTC in minutes at an instant (Europe/Berlin in June: 120). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}
