/**
 * Locating the repository the CLI ships in, for commands that work on the project itself
 * (`mimi docs`, the embedded reference spec).
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** The repository root: this file is `packages/cli/src/repo.ts`. */
export function repoRoot(): string {
  return fileURLToPath(new URL("../../../", import.meta.url));
}
