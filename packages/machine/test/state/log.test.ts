import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logAppend, logAt, logItems, logLast, logOf, logPosition, logSlice } from "../../src/index.ts";

const key = (s: string) => s;

describe("the shared append-only log", () => {
  it("appends in place on a linear run and keeps older versions to their prefix", () => {
    const v0 = logOf(["a"], key);
    const v1 = logAppend(v0, "b", key);
    const v2 = logAppend(v1, "c", key);
    expect(v2.store).toBe(v0.store);
    expect(logItems(v0)).toEqual(["a"]);
    expect(logItems(v2)).toEqual(["a", "b", "c"]);
    expect(logPosition(v1, "c")).toBeUndefined();
    expect(logPosition(v2, "c")).toBe(2);
    expect(logAt(v1, 1)).toBe("b");
    expect(logAt(v1, 2)).toBeUndefined();
    expect(logLast(v2)).toBe("c");
    expect(logSlice(v2, 1)).toEqual(["b", "c"]);
  });

  it("copies on a branch, so two branches never see each other's items", () => {
    const v1 = logAppend(logOf(["a"], key), "b", key);
    const left = logAppend(v1, "left", key);
    const right = logAppend(v1, "right", key);
    expect(logItems(left)).toEqual(["a", "b", "left"]);
    expect(logItems(right)).toEqual(["a", "b", "right"]);
    expect(logPosition(right, "left")).toBeUndefined();
    expect(logPosition(left, "right")).toBeUndefined();
  });

  it("behaves like an immutable array under any interleaving of appends to any version", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }), (ops) => {
        const versions = [logOf<string>([], key)];
        const models: string[][] = [[]];
        ops.forEach(([pick], i) => {
          const at = pick % versions.length;
          const item = `x${i}`;
          versions.push(logAppend(versions[at] ?? versions[0]!, item, key));
          models.push([...(models[at] ?? []), item]);
        });
        versions.forEach((v, i) => {
          expect(logItems(v)).toEqual(models[i]);
          for (const [j, item] of (models[i] ?? []).entries()) expect(logPosition(v, item)).toBe(j);
        });
      }),
    );
  });
});
