import { describe, expect, it } from "vitest";
import { type VerifyReport, verifyCompact } from "../../src/compact/verify.ts";

// Apart from verify.test.ts so each file stays short: another profile's first walk is slow
// (its guard and policy caches start cold).

function expectAgreement(report: VerifyReport, minStates: number): void {
  expect(report.mismatches).toEqual([]);
  expect(report.statesChecked).toBeGreaterThan(minStates);
  expect(report.referenceSteps).toBeLessThan(report.stepsChecked / 2);
}

describe("verifyCompact agrees with the reference machine under other profiles", () => {
  it("matrix-v11 in the default scope (depth 3)", () => {
    expectAgreement(verifyCompact({ profile: "matrix-v11", depth: 3 }), 2000);
  });

  it("pol-00 in the default scope (depth 3)", () => {
    expectAgreement(verifyCompact({ profile: "pol-00", depth: 3 }), 2000);
  });
});
