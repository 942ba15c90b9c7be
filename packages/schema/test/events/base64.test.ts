import { describe, expect, it } from "vitest";
import { Ed25519Signature, Sha256Hash, UnpaddedBase64 } from "../../src/events/index.ts";
import { messages } from "./support.ts";

describe("base64 fields", () => {
  it("Sha256Hash takes 32 octets, unpadded or padded", () => {
    expect(messages(Sha256Hash, "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos")).toEqual([]);
    expect(messages(Sha256Hash, "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos=")).toEqual([]);
    expect(messages(Sha256Hash, "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89nco")).toEqual([
      "SHA-256 hash decodes to 31 octets; a SHA-256 hash has 32",
    ]);
    expect(messages(Sha256Hash, "5jM4wQpv6lnBo7CLIghJuHdW-s2CMBJPUOGOC89ncos")).toEqual([
      'SHA-256 hash is not base64: "-" is not in the standard base64 alphabet (it belongs to the url alphabet) (index 24)',
    ]);
  });

  it("Ed25519Signature takes 64 octets", () => {
    expect(
      messages(
        Ed25519Signature,
        "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ",
      ),
    ).toEqual([]);
    expect(messages(Ed25519Signature, "AAAA")).toEqual([
      "Ed25519 signature decodes to 3 octets; a Ed25519 signature has 64",
    ]);
  });

  it("UnpaddedBase64 takes any length, rejects impossible ones", () => {
    for (const s of ["", "AA", "AAEC", "AAE="]) expect(messages(UnpaddedBase64, s), s).toEqual([]);
    expect(messages(UnpaddedBase64, "A")).toEqual([
      "not base64: 1 characters leave one character over; no byte string encodes to that (index 0)",
    ]);
  });
});
