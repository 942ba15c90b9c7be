import { describe, expect, it } from "vitest";
import {
  grammarFile,
  grammarRuleLink,
  profileOptionLink,
  requirementLink,
  traceFile,
  traceLink,
} from "../../src/docs/site-links.ts";
import { testLinks } from "./support.ts";

describe("site links", () => {
  const links = testLinks();

  it("places pages by what they show", () => {
    expect(grammarFile("spec/grammar/identifiers.abnf")).toBe("grammar/identifiers.md");
    expect(traceFile("models/traces/dm-race.json")).toBe("gallery/dm-race.md");
  });

  it("links to pages that exist", () => {
    expect(requirementLink(links, "traceability.md", "CHAT-2")).toBe(
      '<a href="./requirements/CHAT-2.md">CHAT-2</a>',
    );
    expect(grammarRuleLink(links, "machine/x.md", "spec/grammar/identifiers.abnf", "user_id")).toBe(
      '<a href="../grammar/identifiers.md#user_id"><code>user_id</code></a>',
    );
    expect(profileOptionLink(links, "requirements/OQ-X-1.md", "chat.promotion")).toContain(
      'href="../machine/profile-options.md#chatpromotion"',
    );
    expect(traceLink(links, "traceability.md", "models/traces/dm.json", "dm")).toBe(
      '<a href="./gallery/dm.md">dm</a>',
    );
  });

  it("flags or leaves unlinked what does not exist, so the build never gets a broken link", () => {
    expect(requirementLink(links, "a.md", "NOPE-1")).toContain("not in the registry");
    expect(grammarRuleLink(links, "a.md", "spec/grammar/identifiers.abnf", "nope")).toContain("no such rule");
    expect(grammarRuleLink(links, "a.md", "spec/grammar/nope.abnf", "x")).toContain("no such grammar file");
    expect(profileOptionLink(links, "a.md", "x.y")).toBe("<code>x.y</code>");
    expect(traceLink(links, "a.md", "models/traces/other.json", "other")).toBe("<code>other</code>");
  });
});
