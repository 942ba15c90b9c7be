/**
 * Which tests mention a requirement: a scan of every test file for requirement ids
 * (`CHAT-2`), machine check ids (`dm.no-add`, `dm.unique-per-pair`), schema names (`UserId`)
 * and quoted grammar rule names (`"user_id"`), each occurrence with the title of the test it sits
 * in. It is a textual scan, so it finds tests that name a requirement or its check, not tests
 * that exercise it silently; the matrix says so.
 *
 * @module
 */
import { type Dirent, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** One mention of a name in a test file. */
export interface TestReference {
  /** Repository-relative path with `/` separators. */
  readonly file: string;
  /** 1-based line of the mention. */
  readonly line: number;
  /** The title of the `it`/`test` the mention is in (or of the enclosing `describe`), if found. */
  readonly title?: string;
}

/** Mentions by name: requirement ids, check ids, schema names and rule names. */
export type TestIndex = ReadonlyMap<string, ReadonlyArray<TestReference>>;

/** A test file's path and text. */
export interface TestFile {
  readonly file: string;
  readonly text: string;
}

/**
 * Directories whose tests are left out of the scan: the docs tests name requirements only to
 * check that the pages show them, which is no evidence that anything checks them.
 */
export const EXCLUDED_TEST_DIRS: ReadonlyArray<string> = ["packages/cli/test/docs/"];

/** Requirement ids: upper-case segments ending in a number, never part of a longer id. */
const REQUIREMENT_ID = /(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-[1-9][0-9]*(?![\w-])/g;
/** Machine check ids: dotted lower-case kebab segments. */
const CHECK_ID = /(?<![\w.-])[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+(?![\w-])/g;
/** PascalCase identifiers (schema names). */
const PASCAL_NAME = /(?<![\w$])[A-Z][a-z][A-Za-z0-9]*(?![\w$])/g;
/** Quoted names that may be grammar rules. */
const QUOTED_RULE = /(["'`])([A-Za-z][A-Za-z0-9_-]*)\1/g;
/** A test or suite opening, with its title. */
const TEST_TITLE = /\b(it|test|describe)(?:\.\w+)*\(\s*(["'`])((?:\\.|(?!\2).)*)\2/;

/** Every `*.test.ts` file under `packages/<name>/test/`, minus {@link EXCLUDED_TEST_DIRS}. */
export function readTestFiles(root: string): TestFile[] {
  const files: TestFile[] = [];
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a package without tests
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "fixtures") walk(path);
      } else if (entry.name.endsWith(".test.ts")) {
        const file = relative(root, path).split(sep).join("/");
        if (!EXCLUDED_TEST_DIRS.some((d) => file.startsWith(d)))
          files.push({ file, text: readFileSync(path, "utf8") });
      }
    }
  };
  for (const pkg of readdirSync(join(root, "packages")).sort()) walk(join(root, "packages", pkg, "test"));
  return files;
}

/** The title of the closest test (else suite) opening at or above `index`. */
function enclosingTitle(lines: ReadonlyArray<string>, index: number): string | undefined {
  let suite: string | undefined;
  for (let i = index; i >= 0; i--) {
    const match = TEST_TITLE.exec(lines[i] ?? "");
    if (match === null) continue;
    if (match[1] !== "describe") return match[3];
    suite ??= match[3];
  }
  return suite;
}

/**
 * Indexes the mentions in `files`. Schema names count only in the schema package's tests (the
 * other packages use them as types everywhere); every other name counts in any test.
 */
export function indexTestReferences(files: ReadonlyArray<TestFile>): TestIndex {
  const index = new Map<string, TestReference[]>();
  for (const { file, text } of files) {
    const lines = text.split(/\r?\n/);
    const schemaTests = file.startsWith("packages/schema/test/");
    lines.forEach((line, i) => {
      const names = new Set<string>();
      for (const m of line.matchAll(REQUIREMENT_ID)) names.add(m[0]);
      for (const m of line.matchAll(CHECK_ID)) names.add(m[0]);
      for (const m of line.matchAll(QUOTED_RULE)) names.add(`"${m[2]}"`);
      if (schemaTests) for (const m of line.matchAll(PASCAL_NAME)) names.add(m[0]);
      if (names.size === 0) return;
      const title = enclosingTitle(lines, i);
      const reference: TestReference = { file, line: i + 1, ...(title === undefined ? {} : { title }) };
      for (const name of names) {
        const refs = index.get(name) ?? [];
        refs.push(reference);
        index.set(name, refs);
      }
    });
  }
  return index;
}

/** The key under which {@link indexTestReferences} files mentions of a quoted rule name. */
export function quotedRuleKey(rule: string): string {
  return `"${rule}"`;
}

/** The mentions of any of `names`, one per test (file and title), in file order. */
export function referencesToAny(index: TestIndex, names: ReadonlyArray<string>): TestReference[] {
  const seen = new Set<string>();
  const out: TestReference[] = [];
  for (const name of names)
    for (const ref of index.get(name) ?? []) {
      const key = `${ref.file}\u0000${ref.title ?? `line ${ref.line}`}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  return out.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
