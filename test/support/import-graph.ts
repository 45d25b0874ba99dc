/**
 * The import graph of the sources, read with TypeScript's parser: which of our files and which
 * packages a module loads. `runtime` follows what Node evaluates when the module is imported (static
 * imports and re-exports, not `import type`); `dynamic` adds the literal `import('…')` calls, that
 * is everything the module may load later; `types` adds `import type` too, that is everything
 * `tsc` compiles along with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

interface ModuleImports {
  runtime: string[];
  dynamic: string[];
  types: string[];
}

const parsed = new Map<string, ModuleImports>();

function importsOf(file: string): ModuleImports {
  const known = parsed.get(file);
  if (known) return known;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: ModuleImports = { runtime: [], dynamic: [], types: [] };
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly : node.isTypeOnly;
      (typeOnly ? found.types : found.runtime).push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.dynamic.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.types.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  parsed.set(file, found);
  return found;
}

export interface ImportGraph {
  /** Our files, relative to src/ (e.g. `cli/run.ts`). */
  files: Set<string>;
  /** Package names (`@google-cloud/compute`, not its deep paths); `node:` built-ins left out. */
  packages: Set<string>;
}

export type Follow = 'runtime' | 'dynamic' | 'types';

/** What `entry` (relative to src/) loads, following `follow`. */
export function importGraph(entry: string, follow: Follow = 'runtime'): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const name = relative(SRC, file);
    if (files.has(name)) return;
    files.add(name);
    const imports = importsOf(file);
    const specifiers = [
      ...imports.runtime,
      ...(follow !== 'runtime' ? imports.dynamic : []),
      ...(follow === 'types' ? imports.types : []),
    ];
    for (const specifier of specifiers) {
      if (specifier.startsWith('node:')) continue;
      if (!specifier.startsWith('.')) {
        packages.add(packageName(specifier));
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      if (!existsSync(target)) throw new Error(`${name} imports ${specifier}, which is not a source file`);
      visit(target);
    }
  };
  visit(resolve(SRC, entry));
  return { files, packages };
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
