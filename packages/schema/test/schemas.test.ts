import { describe, expect, it } from "vitest";
import * as Package from "../src/index.ts";
import { schemaNames, schemasByName } from "../src/schemas.ts";
import { SHARES, shareOf } from "./support/registered-schemas.ts";

describe("schemasByName", () => {
  it("lists schemas the package exports, each under its own name", () => {
    for (const [name, schema] of Object.entries(schemasByName))
      expect((Package as Record<string, unknown>)[name], name).toBe(schema);
  });

  it("names them in sorted order in schemaNames", () => {
    expect(schemaNames).toEqual(Object.keys(schemasByName).sort());
  });

  it("is shared out whole among the every-schema test files", () => {
    const shared = Array.from({ length: SHARES }, (_, i) => shareOf(i + 1)).flat();
    expect(shared.sort()).toEqual([...schemaNames]);
  });
});
