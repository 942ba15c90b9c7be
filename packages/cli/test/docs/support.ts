import type { SiteLinks } from "../../src/docs/site-links.ts";

/** A small site: what links may point at in unit tests of the page generators. */
export function testLinks(overrides: Partial<SiteLinks> = {}): SiteLinks {
  return {
    catalog: {
      guards: new Set(["dm.no-add", "dm.unique"]),
      invariants: new Set(["dm.unique-per-pair"]),
      schemaExports: new Set(["UserId"]),
    },
    requirementIds: new Set(["CHAT-2", "CHAT-6", "ID-1", "ID-4", "OQ-X-1", "ID-2"]),
    grammarRules: new Map([["spec/grammar/identifiers.abnf", new Set(["user_id"])]]),
    profileOptions: new Set(["chat.promotion"]),
    traces: new Set(["models/traces/dm.json"]),
    ...overrides,
  };
}
