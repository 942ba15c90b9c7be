/**
 * The generated pages of the docs site (`mimi docs`): requirement traceability, grammar,
 * state machine and counterexample pages written as typedoc documents, the site's script and
 * style sheet, and the static server behind `mimi docs --serve`.
 *
 * @module
 */
export * from "./api-links.ts";
export * from "./document.ts";
export * from "./gallery.ts";
export * from "./grammar-pages.ts";
export * from "./html.ts";
export * from "./machine-pages.ts";
export * from "./mermaid.ts";
export * from "./profile-options.ts";
export * from "./railroad.ts";
export * from "./serve.ts";
export * from "./site-assets.ts";
export * from "./site-links.ts";
export * from "./site-pages.ts";
export * from "./test-references.ts";
export * from "./traceability.ts";
export * from "./traces.ts";
