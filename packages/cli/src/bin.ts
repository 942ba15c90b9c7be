/**
 * The process entry point of `mimi`.
 *
 * @module
 */
import { processIo } from "./io.ts";
import { main } from "./main.ts";

const io = processIo();
try {
  process.exitCode = await main(process.argv.slice(2), io);
} catch (e) {
  // A bug, not a user error: say so plainly, with the stack for the report.
  io.err(`mimi: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 70;
}
