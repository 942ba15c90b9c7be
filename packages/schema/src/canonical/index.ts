/**
 * The canonical-form and hashing layer: a safe JSON reader, RFC 8785 and Matrix canonical
 * JSON, unpadded base64, and the Linearized Matrix event algorithms (redaction, content and
 * reference hashes, event IDs, Ed25519 signatures). Plain data in, {@link Result} out; nothing
 * here throws on bad input.
 *
 * @module
 */
export * from "./base64.ts";
export * from "./base64-format.ts";
export * from "./canonical-json.ts";
export * from "./canonical-size.ts";
export * from "./hashes.ts";
export * from "./jcs.ts";
export * from "./json-error.ts";
export * from "./json-path.ts";
export * from "./json-value.ts";
export * from "./json-writer.ts";
export * from "./matrix-canonical.ts";
export * from "./redaction.ts";
export * from "./result.ts";
export * from "./safe-parse.ts";
export * from "./signing.ts";
