/**
 * Standalone TypeScript declarations (`mimi gen types`) from the JSON Schema documents of the
 * schemas: one exported type per schema, documented with its description and, for strings with
 * a grammar, the pattern they must match. The file imports nothing, so implementers can copy it.
 *
 * @module
 */
import { Project } from "ts-morph";
import { generatedHeader } from "./header.ts";

/** A JSON Schema document or sub-schema, as plain data. */
export type JsonSchemaNode = { readonly [keyword: string]: unknown };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function typeName(ref: string): string {
  const name = ref.slice(ref.lastIndexOf("/") + 1);
  return IDENTIFIER.test(name) ? name : name.replace(/[^A-Za-z0-9_$]/g, "_");
}

function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function docOf(node: JsonSchemaNode): string | undefined {
  const parts: string[] = [];
  if (typeof node.description === "string") parts.push(node.description);
  if (typeof node.pattern === "string") parts.push(`Pattern: \`${node.pattern.replaceAll("`", "\\`")}\``);
  if (typeof node.maxLength === "number") parts.push(`At most ${node.maxLength} characters.`);
  return parts.length === 0 ? undefined : parts.join("\n\n").replaceAll("*/", "*\\/");
}

/** The TypeScript type expression of a JSON Schema node (indent is the current nesting). */
export function typeExpression(node: JsonSchemaNode, indent = ""): string {
  if (typeof node.$ref === "string") return typeName(node.$ref);
  if ("const" in node) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = (node.anyOf ?? node.oneOf) as ReadonlyArray<JsonSchemaNode> | undefined;
  if (Array.isArray(union)) return union.map((n) => wrap(typeExpression(n, indent))).join(" | ");
  const type = node.type;
  if (Array.isArray(type)) return type.map((t) => typeExpression({ ...node, type: t }, indent)).join(" | ");
  switch (type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const prefix = node.prefixItems as ReadonlyArray<JsonSchemaNode> | undefined;
      if (Array.isArray(prefix)) {
        const rest =
          node.items === false || node.items === undefined
            ? []
            : [`...Array<${typeExpression(node.items as JsonSchemaNode, indent)}>`];
        return `readonly [${[...prefix.map((p) => typeExpression(p, indent)), ...rest].join(", ")}]`;
      }
      return `ReadonlyArray<${node.items === undefined ? "unknown" : typeExpression(node.items as JsonSchemaNode, indent)}>`;
    }
    case "object":
      return objectType(node, indent);
    default:
      return "unknown";
  }
}

function wrap(expression: string): string {
  return expression.includes("=>") ? `(${expression})` : expression;
}

function objectType(node: JsonSchemaNode, indent: string): string {
  const properties = (node.properties ?? {}) as Record<string, JsonSchemaNode>;
  const required = new Set((node.required ?? []) as ReadonlyArray<string>);
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    const doc = docOf(value);
    if (doc !== undefined) lines.push(`${inner}/** ${doc.replaceAll("\n", `\n${inner} * `)} */`);
    lines.push(
      `${inner}readonly ${propertyKey(key)}${required.has(key) ? "" : "?"}: ${typeExpression(value, inner)};`,
    );
  }
  const extra = node.additionalProperties;
  if (extra !== undefined && extra !== false) {
    lines.push(
      `${inner}readonly [key: string]: ${extra === true ? "unknown" : typeExpression(extra as JsonSchemaNode, inner)};`,
    );
  }
  if (lines.length === 0) return extra === false ? "{}" : "{ readonly [key: string]: unknown }";
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/**
 * The declarations module for `documents` (schema name → JSON Schema document). `$defs` of every
 * document become types of their own, shared by name.
 */
export function generateTypeDeclarations(documents: ReadonlyMap<string, JsonSchemaNode>): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("types.d.ts", "");
  const emitted = new Set<string>();
  const emit = (name: string, node: JsonSchemaNode) => {
    if (emitted.has(name)) return;
    emitted.add(name);
    const doc = docOf(node);
    file.addTypeAlias({
      name: typeName(name),
      isExported: true,
      hasDeclareKeyword: false,
      type: typeExpression(node),
      ...(doc === undefined ? {} : { docs: [doc] }),
    });
  };
  for (const [name, document] of [...documents].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const [defName, def] of Object.entries((document.$defs ?? {}) as Record<string, JsonSchemaNode>))
      emit(defName, def);
    emit(name, document);
  }
  const what = "TypeScript types of the wire (JSON) form of every schema of @mimi-spec/schema; no imports.";
  const regenerate = "Regenerate with `mimi gen types --out DIR`.";
  return (
    generatedHeader(["@mimi-spec/schema (JSON Schema documents)"], what, regenerate) + file.getFullText()
  );
}
