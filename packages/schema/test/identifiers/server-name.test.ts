import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { portProblem } from "../../src/identifiers/server-name.ts";

/** The port rule as first written: the text after the last `:`, read by `Number`. */
function portProblemByNumber(serverName: string): string | undefined {
  const colon = serverName.lastIndexOf(":");
  if (colon < 0) return undefined;
  const port = Number(serverName.slice(colon + 1));
  return port >= 1 && port <= 65535 ? undefined : `port ${serverName.slice(colon + 1)} is outside 1-65535`;
}

describe("portProblem", () => {
  it("accepts ports 1-65535 and rejects the rest, saying which", () => {
    expect(portProblem("example.org")).toBeUndefined();
    expect(portProblem("example.org:1")).toBeUndefined();
    expect(portProblem("example.org:65535")).toBeUndefined();
    expect(portProblem("example.org:08448")).toBeUndefined();
    expect(portProblem("example.org:0")).toBe("port 0 is outside 1-65535");
    expect(portProblem("example.org:65536")).toBe("port 65536 is outside 1-65535");
    expect(portProblem("example.org:")).toBe("port  is outside 1-65535");
  });

  it("reads the port exactly as Number does, digits or not", () => {
    const tail = fc.oneof(
      fc.stringMatching(/^[0-9]{0,7}$/),
      fc.constantFrom(" 80", "1e3", "0x50", "+80", "-1", "80.0", "", "99999999999999999999"),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z.]{0,6}$/), fc.option(tail, { nil: undefined }), (host, port) => {
        const name = port === undefined ? host : `${host}:${port}`;
        expect(portProblem(name)).toBe(portProblemByNumber(name));
      }),
      { numRuns: 500 },
    );
  });
});
