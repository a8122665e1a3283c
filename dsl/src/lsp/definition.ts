// Go to definition: a binding's name jumps to where it is bound, a namespace to its `use` line.
import type { Location } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { identifierPath } from './ast-path.js';
import { toLspRange } from './positions.js';
import { resolveIdentifier } from './resolve.js';
import { scopeAt } from './scope.js';

export function definition(analysis: Analysis, offset: number): Location | null {
  const path = identifierPath(analysis.ast, offset);
  if (!path) return null;
  const symbol = resolveIdentifier(analysis.model, path, scopeAt(analysis.model, offset));
  const target =
    symbol?.kind === 'binding'
      ? symbol.binding.name.range
      : symbol?.kind === 'namespace'
        ? symbol.entry.use.range
        : undefined;
  return target ? { uri: analysis.document.uri, range: toLspRange(target, analysis.document) } : null;
}
