/**
 * JSON Schema (draft 2020-12) export of the Effect schemas, with grammar rules as patterns.
 *
 * @module
 */
export * from "./abnf-regex.ts";
export * from "./prose-limits.ts";
export * from "./to-json-schema.ts";
export * from "./write.ts";
