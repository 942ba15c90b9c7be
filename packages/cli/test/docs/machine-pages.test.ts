import {
  invariants,
  MEMBERSHIP_DIAGRAM,
  ROOM_LIFECYCLE_DIAGRAM,
  SEND_PATH_DIAGRAM,
} from "@mimi-spec/machine";
import { loadModels, type Models } from "@mimi-spec/machine/models";
import { REQUIREMENTS } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { currentApiCatalog } from "../../src/docs/api-links.ts";
import {
  lifecycleDocument,
  type MachinePageInput,
  machineIndexDocument,
  membershipDocument,
  sendPathDocument,
} from "../../src/docs/machine-pages.ts";
import { stateEdges } from "../../src/docs/mermaid.ts";
import { testLinks } from "./support.ts";

const repo = new URL("../../../../", import.meta.url).pathname;
const loaded = loadModels(repo);
if (!loaded.ok) throw new Error("models do not load");
const models: Models = loaded.models;

const input: MachinePageInput = {
  models,
  diagrams: {
    membership: MEMBERSHIP_DIAGRAM,
    lifecycle: ROOM_LIFECYCLE_DIAGRAM,
    sendPath: SEND_PATH_DIAGRAM,
  },
  invariants,
  registry: REQUIREMENTS,
  optionReaders: new Map(),
  links: testLinks({
    catalog: currentApiCatalog(),
    requirementIds: new Set(REQUIREMENTS.map((e) => e.id)),
    profileOptions: new Set(models.profiles.options.map((o) => o.name)),
  }),
};

function rowsOf(body: string, tableClass: string): number {
  const start = body.indexOf(`<table class="${tableClass}">`);
  const end = body.indexOf("</table>", start);
  return (body.slice(start, end).match(/<tr><td>/g) ?? []).length;
}

describe("state machine pages", () => {
  it("draw the membership machine and list one transition per edge of its diagram", () => {
    const doc = membershipDocument(input);
    expect(doc.body).toContain('<pre class="mermaid">stateDiagram-v2');
    const edges = stateEdges(MEMBERSHIP_DIAGRAM).filter((e) => e.from !== "[*]");
    expect(rowsOf(doc.body, "mimi-transitions")).toBe(edges.length);
    expect(doc.body).toContain(
      '{@link @mimi-spec/machine!GUARDS."membership.join.rule" | membership.join.rule}',
    );
    expect(doc.body).toContain('href="../requirements/SIG-POLICY-3.md"');
  });

  it("map every edge of the room lifecycle to its checks", () => {
    const doc = lifecycleDocument(input);
    expect(rowsOf(doc.body, "mimi-transitions")).toBe(stateEdges(ROOM_LIFECYCLE_DIAGRAM).length);
    expect(doc.body).not.toContain("no checks mapped");
    expect(doc.body).toContain("dm.no-add");
  });

  it("list one row per send-path step and every guard and invariant on the overview", () => {
    expect(rowsOf(sendPathDocument(input).body, "mimi-transitions")).toBe(models.sendPath.sequence.length);
    const overview = machineIndexDocument(input);
    expect(rowsOf(overview.body, "mimi-guards")).toBe(models.guards.length);
    expect(rowsOf(overview.body, "mimi-invariants")).toBe(invariants.length);
    expect(overview.children?.map((c) => c.title)).toEqual([
      "Membership",
      "Room lifecycle",
      "Send path",
      "Profile options",
    ]);
  });
});
