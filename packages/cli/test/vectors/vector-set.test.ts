import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/io.ts";
import {
  generateVectorSet,
  loadVectorSet,
  MANIFEST_FILE,
  SCHEMA_FILES,
  writeVectorSet,
} from "../../src/vectors/vector-set.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "mimi-vectors-"));
const first = tempDir();
const second = tempDir();
const set = generateVectorSet();
writeVectorSet(set, first);
writeVectorSet(generateVectorSet(), second);
const files = readdirSync(first).sort();

describe("the vector set", () => {
  it("regenerates byte for byte", () => {
    expect(readdirSync(second).sort()).toEqual(files);
    for (const file of files)
      expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
  });

  it("holds every kind of file with its schema and the manifest", () => {
    expect(files).toEqual(
      [
        "events.json",
        "events.schema.json",
        "grammar.json",
        "grammar.schema.json",
        "identifiers.json",
        "identifiers.schema.json",
        "index.json",
        "index.schema.json",
        "policy-lm-i1-text.json",
        "policy-lm-i1.json",
        "policy-matrix-v11.json",
        "policy-pol-00.json",
        "policy.schema.json",
      ].sort(),
    );
  });

  it("validates every file against the JSON Schema it names, with ajv (draft 2020-12)", () => {
    const ajv = new Ajv2020.default({ strict: true, allErrors: true });
    let validated = 0;
    for (const file of files.filter((f) => !f.endsWith(".schema.json"))) {
      const data = JSON.parse(readFileSync(join(first, file), "utf8")) as { $schema: string };
      const schemaFile = data.$schema.replace(/^\.\//u, "");
      expect(Object.values(SCHEMA_FILES)).toContain(schemaFile);
      const validate = ajv.compile(JSON.parse(readFileSync(join(first, schemaFile), "utf8")));
      expect(validate(data), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      validated++;
    }
    expect(validated).toBe(8);
  });

  it("has schemas that reject a damaged file", () => {
    const ajv = new Ajv2020.default({ strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(first, "identifiers.schema.json"), "utf8")));
    const data = JSON.parse(readFileSync(join(first, "identifiers.json"), "utf8"));
    data.vectors[0].expected = { valid: "yes" };
    expect(validate(data)).toBe(false);
  });

  it("has unique vector IDs and a manifest whose counts match", () => {
    const manifest = JSON.parse(readFileSync(join(first, MANIFEST_FILE), "utf8")) as {
      files: Array<{ file: string; vectors: number }>;
    };
    const ids: string[] = [];
    for (const entry of manifest.files) {
      const data = JSON.parse(readFileSync(join(first, entry.file), "utf8")) as {
        vectors: Array<{ id: string }>;
      };
      expect(data.vectors.length, entry.file).toBe(entry.vectors);
      ids.push(...data.vectors.map((v) => v.id));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(500);
  });

  it("reads back what it wrote", () => {
    expect(JSON.parse(JSON.stringify(loadVectorSet(first)))).toEqual(JSON.parse(JSON.stringify(set)));
  });
});

describe("loadVectorSet", () => {
  it("names a directory without a manifest", () => {
    expect(() => loadVectorSet(tempDir())).toThrow(/index\.json: no such file/);
  });

  it("refuses a file that no longer matches its digest", () => {
    const dir = tempDir();
    writeVectorSet(set, dir);
    writeFileSync(
      join(dir, "events.json"),
      readFileSync(join(dir, "events.json"), "utf8").replace("lpdu", "pdu!"),
    );
    expect(() => loadVectorSet(dir)).toThrow(/events\.json does not match its digest/);
  });

  it("reports a malformed manifest with its JSON path", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, MANIFEST_FILE),
      JSON.stringify({ format: "mimi-conformance-vectors", version: 9 }),
    );
    const error = (() => {
      try {
        loadVectorSet(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(String((error as Error).message)).toMatch(/index\.json: \$\.version: /);
  });

  it("reports text that is not JSON with line and column", () => {
    const dir = tempDir();
    writeFileSync(join(dir, MANIFEST_FILE), "{\n  oops");
    expect(() => loadVectorSet(dir)).toThrow(/index\.json is not valid JSON at line 2, column 3/);
  });
});
