import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { memoryIo } from "../support.ts";

describe("mimi", () => {
  it("--help lists every command and exits 0", async () => {
    const io = memoryIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.stdout()).toContain("validate");
    expect(io.stdout()).toContain("docs");
  });

  it("an unknown command exits 2 with the usage", async () => {
    const io = memoryIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.stderr()).toContain("unknown command `frobnicate`");
  });

  it("every command has --help", async () => {
    for (const name of ["validate", "docs"]) {
      const io = memoryIo();
      expect(await main([name, "--help"], io)).toBe(0);
      expect(io.stdout()).toContain(`mimi ${name}`);
    }
  });
});
