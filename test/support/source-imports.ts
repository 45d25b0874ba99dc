/**
 * The imports of our sources, read from their text: static imports, type-only imports, re-exports
 * and dynamic `import()`. Architecture tests walk them (who loads prom-client; which folder imports
 * which).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The source tree, with a trailing separator. */
export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every module specifier in `text`, in order. */
export function specifiersIn(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((match) => (match[1] ?? match[2] ?? match[3])!);
}

/** The imports of `file`: our sources it imports (absolute paths) and the packages it loads. */
export function importsOf(file: string): { sources: string[]; packages: string[] } {
  const sources: string[] = [];
  const packages: string[] = [];
  for (const spec of specifiersIn(readFileSync(file, 'utf8'))) {
    if (!spec.startsWith('.')) {
      packages.push(spec);
      continue;
    }
    const source = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    if (!existsSync(source)) throw new Error(`${file} imports ${spec}, which is not a source file`);
    sources.push(source);
  }
  return { sources, packages };
}

/** Every `.ts` file under `dir` (absolute paths, sorted). */
export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
