import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { schemaNames } from "@mimi-spec/schema";
import Ajv2020 from "ajv/dist/2020.js";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

describe("mimi gen json-schema", () => {
  it("writes one document per schema and an index, which ajv compiles and uses", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-js-"));
    const io = memoryIo("", dir);
    expect(await main(["gen", "json-schema", "--out", "out"], io)).toBe(0);
    const files = readdirSync(join(dir, "out")).sort();
    expect(files).toEqual([...schemaNames.map((n) => `${n}.schema.json`), "index.json"].sort());
    const ajv = new Ajv2020.default({ strict: false });
    const userId = ajv.compile(JSON.parse(readFileSync(join(dir, "out", "UserId.schema.json"), "utf8")));
    expect(userId("@alice:example.org")).toBe(true);
    expect(userId("@Alice:example.org")).toBe(false);
  });

  it("is deterministic", async () => {
    const read = async () => {
      const dir = mkdtempSync(join(tmpdir(), "mimi-js-"));
      await main(["gen", "json-schema", "--out", dir], memoryIo());
      return readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8"));
    };
    expect(await read()).toEqual(await read());
  });
});

describe("mimi gen types", () => {
  it("writes standalone declarations that compile and name every schema", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mimi-dts-"));
    expect(await main(["gen", "types", "--out", dir], memoryIo())).toBe(0);
    const path = join(dir, "mimi-types.d.ts");
    const text = readFileSync(path, "utf8");
    for (const name of schemaNames) expect(text).toContain(`export type ${name} =`);
    const program = ts.createProgram([path], { noEmit: true, strict: true, types: [] });
    expect(
      ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    ).toEqual([]);
  });

  it("refuses an unknown output kind and a missing --out", async () => {
    const unknown = memoryIo();
    expect(await main(["gen", "pictures", "--out", "x"], unknown)).toBe(2);
    expect(unknown.stderr()).toContain("unknown output `pictures`");
    expect(await main(["gen", "types"], memoryIo())).toBe(2);
  });
});
