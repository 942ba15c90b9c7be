/**
 * The JSON value model shared by the reader, the canonical writers and the event algorithms.
 *
 * Values are plain JavaScript data: `null`, booleans, numbers, strings, arrays and objects.
 * **Representation choice:** every object this layer *creates* has a `null` prototype
 * (`Object.create(null)`). Keys such as `__proto__`, `constructor` or `toString` are then
 * ordinary own data properties: assigning `o["__proto__"] = v` stores data instead of
 * changing the prototype, and looking up a key never finds an inherited member. Objects built
 * by callers with `{}` literals are accepted too; the layer only reads their *own* enumerable
 * data properties and never writes to them.
 *
 * All functions here are pure: they return new objects and never mutate their inputs.
 *
 * @module
 */

/** A JSON scalar. */
export type JsonPrimitive = null | boolean | number | string;

/** A JSON array. */
export type JsonArray = readonly JsonValue[];

/** A JSON object: string keys to JSON values. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** Any JSON value. */
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

/** A JSON object under construction (null-prototype, see the module notes). */
export type MutableJsonObject = { [key: string]: JsonValue };

/** A new empty object with a `null` prototype. */
export function emptyJsonObject(): MutableJsonObject {
  return Object.create(null) as MutableJsonObject;
}

/**
 * True for a plain object: not `null`, not an array, and with `Object.prototype` or `null` as
 * its prototype. Class instances (Date, Map, Buffer, boxed strings…) are not JSON objects.
 */
export function isJsonObject(value: unknown): value is JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** The value stored under `key` as an *own* property, or `undefined` (never an inherited member). */
export function getOwn(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Builds a null-prototype object from entries; later entries win. */
export function jsonObjectFrom(entries: Iterable<readonly [string, JsonValue]>): JsonObject {
  const out = emptyJsonObject();
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** A shallow copy of `object` without the listed keys. */
export function omitKeys(object: JsonObject, keys: readonly string[]): JsonObject {
  const out = emptyJsonObject();
  for (const key of Object.keys(object)) {
    if (!keys.includes(key)) out[key] = object[key] as JsonValue;
  }
  return out;
}

/** A shallow copy of `object` with `key` set to `value`. */
export function withKey(object: JsonObject, key: string, value: JsonValue): JsonObject {
  const out = emptyJsonObject();
  for (const k of Object.keys(object)) out[k] = object[k] as JsonValue;
  out[key] = value;
  return out;
}

/**
 * Structural equality of two JSON values, as JSON sees them: key order does not matter and
 * `0` equals `-0` (both serialize as `0`). Iterative, so deep values cannot overflow the stack.
 */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  const pending: Array<readonly [JsonValue, JsonValue]> = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop() as readonly [JsonValue, JsonValue];
    if (x === y) continue;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) return false;
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i] as JsonValue, y[i] as JsonValue]);
      continue;
    }
    const xo = x as JsonObject;
    const yo = y as JsonObject;
    const keys = Object.keys(xo);
    if (keys.length !== Object.keys(yo).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(yo, key)) return false;
      pending.push([xo[key] as JsonValue, yo[key] as JsonValue]);
    }
  }
  return true;
}
