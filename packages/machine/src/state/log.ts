/**
 * An append-only history shared between world versions. Appending to the newest version pushes
 * onto the shared array in O(1); every older version keeps seeing only its own prefix, because a
 * version is the array plus its length. Appending to an older version (a branch, as a model
 * checker does when it explores two actions from one world) copies the prefix first. So worlds
 * stay immutable values while a linear run never copies its history.
 *
 * @module
 */

/** The shared storage behind one or more log versions. */
interface LogStore<T> {
  readonly items: T[];
  /** Key → position, for every item ever pushed onto `items`. */
  readonly index: Map<string, number>;
}

/** One version of a log: the first `length` items of the shared store. */
export interface Log<T> {
  readonly store: LogStore<T>;
  readonly length: number;
}

/** A log holding `items`, keyed by `key`. */
export function logOf<T>(items: ReadonlyArray<T>, key: (item: T) => string): Log<T> {
  const store: LogStore<T> = { items: [...items], index: new Map() };
  for (const [i, item] of store.items.entries()) store.index.set(key(item), i);
  return { store, length: store.items.length };
}

/** The log with `item` appended; `key` names it for {@link logPosition}. */
export function logAppend<T>(log: Log<T>, item: T, key: (item: T) => string): Log<T> {
  let store = log.store;
  if (store.items.length !== log.length) {
    // Someone already appended to this version: branch by copying our prefix.
    const items = store.items.slice(0, log.length);
    store = { items, index: new Map() };
    for (const [i, it] of items.entries()) store.index.set(key(it), i);
  }
  store.items.push(item);
  store.index.set(key(item), store.items.length - 1);
  return { store, length: store.items.length };
}

/** The item at `position` (0-based), if this version has it. */
export function logAt<T>(log: Log<T>, position: number): T | undefined {
  return position >= 0 && position < log.length ? log.store.items[position] : undefined;
}

/** The last item, if any. */
export function logLast<T>(log: Log<T>): T | undefined {
  return logAt(log, log.length - 1);
}

/** The position of the item with this key in this version, or `undefined`. */
export function logPosition<T>(log: Log<T>, key: string): number | undefined {
  const position = log.store.index.get(key);
  return position !== undefined && position < log.length ? position : undefined;
}

/** The items of this version, oldest first (a copy). */
export function logItems<T>(log: Log<T>): T[] {
  return log.store.items.slice(0, log.length);
}

/** The items from `start` on (a copy). */
export function logSlice<T>(log: Log<T>, start: number): T[] {
  return log.store.items.slice(Math.max(0, start), log.length);
}
