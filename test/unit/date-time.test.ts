import { DateTimeScalar } from "../../src/graphql/types/date-time.scalar";

describe("DateTime serialization", () => {
  it("writes each instant as ISO-8601, the same date again and a changed date too", () => {
    const date = new Date(Date.UTC(2024, 5, 18, 10, 0, 0));
    const seen = [DateTimeScalar.serialize(date), DateTimeScalar.serialize(new Date(date.getTime()))];
    date.setUTCHours(11);
    seen.push(DateTimeScalar.serialize(date));
    expect(seen).toEqual(["2024-06-18T10:00:00.000Z", "2024-06-18T10:00:00.000Z", "2024-06-18T11:00:00.000Z"]);
  });

  it("stays right past its memory of instants", () => {
    const start = Date.UTC(2020, 0, 1);
    const times = Array.from({ length: 25_000 }, (_, i) => start + i * 61_000);
    const written = times.map((time) => DateTimeScalar.serialize(new Date(time)));
    expect(written).toEqual(times.map((time) => new Date(time).toISOString()));
    expect(DateTimeScalar.serialize(new Date(times[0]))).toBe("2020-01-01T00:00:00.000Z");
  });

  it("refuses an invalid date as graphql-scalars does", () => {
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(/DateTime|Date/);
  });
});
