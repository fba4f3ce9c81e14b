import { IsUrl, Length, Matches, MaxDate, MinDate, ValidateBy, type ValidationOptions } from "class-validator";
import { fromGlobalId, type NodeType } from "../../entities/global-id";

/**
 * class-validator checks shared by the editorial inputs. Each message says what to change;
 * the field it belongs to is reported beside it (extensions.fields).
 */

/** A global id of the given type, e.g. an Article id. */
export function IsGlobalIdOf(type: NodeType, options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: "isGlobalIdOf",
      validator: {
        validate: (value) => typeof value === "string" && fromGlobalId(value)?.type === type,
        defaultMessage: () => `must be ${type === "Article" ? "an" : "a"} ${type} id; take it from ${type === "Article" ? "an" : "a"} ${type}'s id field`,
      },
    },
    options,
  );
}

/** An absolute http:// or https:// URL of at most 2000 characters. */
export function IsHttpUrl(): PropertyDecorator {
  return (target, key) => {
    IsUrl({ protocols: ["http", "https"], require_protocol: true, require_tld: false }, { message: "must be an absolute http:// or https:// URL" })(target, key);
    Length(1, 2000, { message: "must be at most 2000 characters" })(target, key);
  };
}

/** A slug: lower-case ASCII letters and digits in words joined by single hyphens, at most 200 characters. */
export function IsSlug(): PropertyDecorator {
  return (target, key) => {
    Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lower-case letters a-z and digits in words joined by single hyphens, e.g. "city-council-meets"' })(target, key);
    Length(1, 200, { message: "must be 1 to 200 characters" })(target, key);
  };
}

/** Text of `min` to `max` characters that is not only white space. */
export function IsText(min: number, max: number, options: ValidationOptions = {}): PropertyDecorator {
  return (target, key) => {
    Length(min, max, { message: `must be ${min} to ${max} characters`, ...options })(target, key);
    if (min > 0) Matches(/\S/, { message: "must not be blank", ...options })(target, key);
  };
}

/** A date from 1900 to 2099, the years news is published in. */
export function IsNewsDate(): PropertyDecorator {
  return (target, key) => {
    MinDate(new Date("1900-01-01T00:00:00.000Z"), { message: "must be on or after 1900-01-01" })(target, key);
    MaxDate(new Date("2099-12-31T23:59:59.999Z"), { message: "must be before 2100-01-01" })(target, key);
  };
}

/** A BCP-47 language tag such as "de" or "en-GB". */
export function IsLanguageTag(): PropertyDecorator {
  return Matches(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/, { message: 'must be a BCP-47 language tag, e.g. "de" or "en-GB"' });
}

/** A tag name: 1 to 200 characters with at least one letter or digit (it becomes the slug). */
export function IsTagName(options: ValidationOptions = {}): PropertyDecorator {
  return (target, key) => {
    Length(1, 200, { message: "each tag must be 1 to 200 characters", ...options })(target, key);
    Matches(/[\p{L}\p{N}]/u, { message: "each tag needs a letter or digit", ...options })(target, key);
  };
}
