/**
 * Hash-consing: every value the compact machine stores (a server's part of a room, a message, a
 * pending transaction) is kept once and named by a small integer, so a compact world is a few
 * arrays of integers and two worlds share whatever they have in common. Values are interned by a
 * structural key: equal keys mean the machine cannot tell the values apart (timestamps are left
 * out of the key because no step reads them; see `structKey`).
 *
 * @module
 */

/** Values of one kind, each kept once and named by its index. */
export class Interner<T extends object> {
  private readonly byObject = new WeakMap<T, number>();
  private readonly byKey = new Map<string, number>();
  private readonly items: T[] = [];

  /**
   * `normalize` turns the first value seen with a key into the one kept (for example, one whose
   * parts are themselves the kept ones, so equal parts are the same objects everywhere).
   */
  constructor(
    private readonly keyOf: (value: T) => string,
    private readonly normalize: (value: T) => T = (value) => value,
  ) {}

  /** How many distinct values have been interned. */
  get size(): number {
    return this.items.length;
  }

  /** The ID of `value` (or of the first value interned with the same key). */
  id(value: T): number {
    const known = this.byObject.get(value);
    if (known !== undefined) return known;
    const key = this.keyOf(value);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.items.length;
      const kept = this.normalize(value);
      this.items.push(kept);
      this.byKey.set(key, id);
      if (kept !== value) this.byObject.set(kept, id);
    }
    this.byObject.set(value, id);
    return id;
  }

  /** The value named `id`. */
  value(id: number): T {
    const value = this.items[id];
    if (value === undefined) throw new Error(`compact machine: no interned value ${id}`);
    return value;
  }
}

/**
 * A structural key of a JSON-like value: object members sorted, `undefined` members left out, and
 * `origin_server_ts` left out (the machine stores timestamps but never reads them, and the
 * compact machine does not reproduce the reference clock). Maps are written as entry lists in
 * their order.
 */
export function structKey(value: unknown): string {
  if (value === undefined) return "~";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + structKey(value[i]);
    return `${out}]`;
  }
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of value) parts.push(`${structKey(k)}=>${structKey(v)}`);
    return `M{${parts.join(",")}}`;
  }
  const keys = Object.keys(value).sort();
  let out = "{";
  for (const key of keys) {
    if (key === "origin_server_ts") continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out += `${JSON.stringify(key)}:${structKey(v)},`;
  }
  return `${out}}`;
}
