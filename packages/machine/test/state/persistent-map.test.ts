import { describe, expect, it } from "vitest";
import { emptyPMap, pdelete, pentries, pget, phas, pset, psize } from "../../src/state/persistent-map.ts";

const sorted = <V>(entries: Array<[string, V]>) => [...entries].sort(([a], [b]) => a.localeCompare(b));

describe("persistent maps", () => {
  it("start empty", () => {
    const empty = emptyPMap<string, number>();
    expect(psize(empty)).toBe(0);
    expect(pentries(empty)).toEqual([]);
    expect(pget(empty, "a")).toBeUndefined();
    expect(phas(empty, "a")).toBe(false);
  });

  it("set, read and count entries", () => {
    const map = pset(pset(emptyPMap<string, number>(), "a", 1), "b", 2);
    expect(pget(map, "a")).toBe(1);
    expect(pget(map, "b")).toBe(2);
    expect(pget(map, "c")).toBeUndefined();
    expect(phas(map, "a")).toBe(true);
    expect(phas(map, "c")).toBe(false);
    expect(psize(map)).toBe(2);
    expect(sorted(pentries(map))).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("tell a present falsy value from an absent key", () => {
    const map = pset(emptyPMap<string, number>(), "zero", 0);
    expect(pget(map, "zero")).toBe(0);
    expect(phas(map, "zero")).toBe(true);
  });

  it("replace the value of an existing key without growing", () => {
    const map = pset(pset(emptyPMap<string, string>(), "k", "old"), "k", "new");
    expect(pget(map, "k")).toBe("new");
    expect(psize(map)).toBe(1);
  });

  it("delete a key, and deleting a missing key changes nothing", () => {
    const map = pset(pset(emptyPMap<string, number>(), "a", 1), "b", 2);
    const without = pdelete(map, "a");
    expect(phas(without, "a")).toBe(false);
    expect(pget(without, "a")).toBeUndefined();
    expect(psize(without)).toBe(1);
    expect(pentries(without)).toEqual([["b", 2]]);
    expect(sorted(pentries(pdelete(map, "zz")))).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("leave the map they started from unchanged (worlds stay immutable)", () => {
    const base = pset(emptyPMap<string, number>(), "a", 1);
    const grown = pset(base, "b", 2);
    const changed = pset(base, "a", 9);
    const shrunk = pdelete(base, "a");
    expect(pentries(base)).toEqual([["a", 1]]);
    expect(psize(grown)).toBe(2);
    expect(pget(changed, "a")).toBe(9);
    expect(psize(shrunk)).toBe(0);
  });
});
