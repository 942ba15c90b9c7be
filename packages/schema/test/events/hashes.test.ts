import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { EventHashes, LpduHashes } from "../../src/events/index.ts";
import { problems } from "./support.ts";

const H = "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos";

describe("hashes", () => {
  it("a PDU's hashes need sha256, may carry lpdu, and keep other algorithms", () => {
    const hashes = { sha256: H, lpdu: { sha256: H }, sha512: "kept" };
    expect(Schema.decodeUnknownSync(EventHashes)(hashes)).toEqual(hashes);
    expect(problems(EventHashes, { lpdu: { sha256: H } })).toEqual([
      { path: ["sha256"], message: "Missing key" },
    ]);
    expect(problems(EventHashes, { sha256: H, lpdu: {} })).toEqual([
      { path: ["lpdu", "sha256"], message: "Missing key" },
    ]);
  });

  it("an LPDU's hashes are lpdu alone", () => {
    expect(problems(LpduHashes, { lpdu: { sha256: H } })).toEqual([]);
    expect(problems(LpduHashes, { lpdu: { sha256: H }, sha256: H, x: 1 })).toEqual([
      {
        path: ["sha256"],
        message:
          "an LPDU carries only hashes.lpdu; hashes.sha256 covers fields the hub adds, so only the hub may set it (LM §int-lpdu)",
      },
      {
        path: ["x"],
        message:
          "an LPDU carries only hashes.lpdu; hashes.x covers fields the hub adds, so only the hub may set it (LM §int-lpdu)",
      },
    ]);
  });
});
