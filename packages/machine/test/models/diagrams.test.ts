import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MEMBERSHIP_DIAGRAM, SEND_PATH_DIAGRAM } from "../../src/index.ts";
import { loadModels, type Models, membershipDiagram, roomLifecycleDiagram } from "../../src/models/index.ts";

const loaded = loadModels(join(import.meta.dirname, "..", "..", "..", ".."));
const models = (loaded.ok ? loaded.models : undefined) as Models;

describe("the generated diagrams", () => {
  it("draw the membership transitions LM allows and none it forbids", () => {
    const lm = membershipDiagram(models, "lm-i1");
    expect(lm).toContain("invite --> knock : knock");
    expect(lm).toContain("ban --> leave : unban");
    expect(lm).toContain("knock --> join : join");
    expect(lm).not.toContain("ban --> join");
    expect(lm).not.toContain("join --> invite");
    expect(lm).not.toContain("join --> knock");
    expect(lm).toBe(MEMBERSHIP_DIAGRAM);
  });

  it("follow the profile: matrix-v11 has no knock from invite", () => {
    expect(membershipDiagram(models, "matrix-v11")).not.toContain("invite --> knock");
  });

  it("describe each chat type's rules and the send path's guards", () => {
    expect(roomLifecycleDiagram(models)).toMatch(/dm: 2\.\.2 members, unique per pair[\s\S]*dm\.no-add/);
    expect(SEND_PATH_DIAGRAM).toContain("Note over follower: follower.from-hub, hub.append-at-head");
  });
});
