import { describe, expect, it } from "vitest";
import { Signatures } from "../../src/events/index.ts";
import { problems } from "./support.ts";

const SIG = "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ";

describe("Signatures", () => {
  it("accepts server → key ID → signature, and no signatures at all", () => {
    expect(problems(Signatures, { "example.org": { "ed25519:1": SIG }, "b.example:8448": {} })).toEqual([]);
    expect(problems(Signatures, {})).toEqual([]);
  });

  it("reports a bad server name, key ID or signature at its path", () => {
    expect(problems(Signatures, { "exa mple": { "ed25519:1": SIG } })[0]?.path).toEqual(["exa mple"]);
    expect(problems(Signatures, { "example.org": { "rsa:1": SIG } })[0]?.path).toEqual([
      "example.org",
      "rsa:1",
    ]);
    expect(problems(Signatures, { "example.org": { "ed25519:1": "AAAA" } })).toEqual([
      {
        path: ["example.org", "ed25519:1"],
        message: "Ed25519 signature decodes to 3 octets; a Ed25519 signature has 64",
      },
    ]);
  });
});
