import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import * as Package from "../src/index.ts";
import { jsonSchemaOf } from "../src/json-schema/to-json-schema.ts";
import { schemaNames, schemasByName } from "../src/schemas.ts";
import { SHARES, shareOf } from "./support/registered-schemas.ts";

/**
 * Exported schemas deliberately left out of `schemasByName`, each with the reason. Empty: every
 * exported schema can be validated, generated and exported as JSON Schema by name.
 */
const UNREGISTERED: Readonly<Record<string, string>> = {};

describe("schemasByName", () => {
  it("lists schemas the package exports, each under its own name", () => {
    for (const [name, schema] of Object.entries(schemasByName))
      expect((Package as Record<string, unknown>)[name], name).toBe(schema);
  });

  it("lists every Effect schema the package exports", () => {
    const exported = Object.entries(Package as Record<string, unknown>)
      .filter(([name, value]) => Schema.isSchema(value) && !Object.hasOwn(UNREGISTERED, name))
      .map(([name]) => name);
    expect(exported.filter((name) => !Object.hasOwn(schemasByName, name))).toEqual([]);
    // An exclusion is kept only while it names a schema that is exported and not registered.
    for (const name of Object.keys(UNREGISTERED)) {
      expect(Schema.isSchema((Package as Record<string, unknown>)[name]), name).toBe(true);
      expect(Object.hasOwn(schemasByName, name), name).toBe(false);
    }
  });

  it("exports each as a JSON Schema document that says what it is", () => {
    const undescribed = Object.entries(schemasByName)
      .filter(([, schema]) => typeof jsonSchemaOf(schema).document.description !== "string")
      .map(([name]) => name);
    expect(undescribed).toEqual([]);
  });

  it("names them in sorted order in schemaNames", () => {
    expect(schemaNames).toEqual(Object.keys(schemasByName).sort());
  });

  it("is shared out whole among the every-schema test files", () => {
    const shared = Array.from({ length: SHARES }, (_, i) => shareOf(i + 1)).flat();
    expect(shared.sort()).toEqual([...schemaNames]);
  });
});
