import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Schema } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { renderJsonSchemas, writeJsonSchemas } from "../../src/json-schema/write.ts";
import { schemasByName } from "../../src/schemas.ts";
import { Label, Profile } from "../arbitrary/synthetic-schemas.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("writeJsonSchemas", () => {
  it("writes one document per schema and an index, all valid draft 2020-12 for ajv", () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-json-schema-"));
    dirs.push(dir);
    const written = writeJsonSchemas(join(dir, "out"), schemasByName);
    const names = Object.keys(schemasByName).sort();
    expect(written.map((p) => p.slice(dir.length + 5))).toEqual([
      ...names.map((n) => `${n}.schema.json`),
      "index.json",
    ]);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(
      [...names.map((n) => `${n}.schema.json`), "index.json"].sort(),
    );
    const ajv = new Ajv2020({ strict: true, strictTuples: false });
    for (const name of names) {
      const document = JSON.parse(readFileSync(join(dir, "out", `${name}.schema.json`), "utf8"));
      expect(ajv.validateSchema(document), name).toBe(true);
    }
    const index = JSON.parse(readFileSync(join(dir, "out", "index.json"), "utf8"));
    expect(index.schemas.map((s: { name: string }) => s.name)).toEqual(names);
    expect(index.schemas.find((s: { name: string }) => s.name === "UserId")).toMatchObject({
      file: "UserId.schema.json",
      exact: true,
    });
  });

  it("renders the same bytes every time, whatever the order of the input", () => {
    const forward = renderJsonSchemas({ Profile, Label, ...schemasByName });
    const backward = renderJsonSchemas(
      Object.fromEntries(Object.entries({ Profile, Label, ...schemasByName }).reverse()),
    );
    expect([...forward]).toEqual([...backward]);
    for (const text of forward.values()) expect(text.endsWith("}\n")).toBe(true);
  });

  it("sets $id from a base URI and says where a document is looser", () => {
    const files = renderJsonSchemas({ Label }, { baseUri: "https://example.org/schemas/" });
    const document = JSON.parse(files.get("Label.schema.json") as string);
    expect(document.$id).toBe("https://example.org/schemas/Label.schema.json");
    expect(document.$comment).toMatch(
      /^Looser than the Effect schema: \$ \(a value with a length of at least 2/,
    );
    const index = JSON.parse(files.get("index.json") as string);
    expect(index.schemas[0]).toMatchObject({ name: "Label", exact: false });
    expect(index.schemas[0].approximations).toHaveLength(2);
  });

  it("refuses names that cannot be file names", () => {
    expect(() => renderJsonSchemas({ "../evil": Schema.String })).toThrow(/cannot be a file name/);
  });
});
