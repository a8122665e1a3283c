// The document outline: uses, settings, bindings, stages and their eval blocks.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Binding, EvalBlock, Identifier, Range, Setting, Stage, Statement, StageStatement } from '../ast.js';
import { printExpression } from '../print.js';
import type { Analysis } from './analysis.js';
import { toLspRange } from './positions.js';

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const symbol = (
    name: string,
    kind: SymbolKind,
    range: Range,
    selection: Range,
    detail?: string,
    children?: DocumentSymbol[],
  ): DocumentSymbol => ({
    name,
    kind,
    detail,
    range: toLspRange(range, analysis.document),
    selectionRange: toLspRange(selection, analysis.document),
    ...(children ? { children } : {}),
  });
  const named = (id: Identifier) => id.name !== '';
  const binding = (b: Binding) =>
    symbol(b.name.name, SymbolKind.Variable, b.range, b.name.range, analysis.model.bindingType(b)?.type);
  const setting = (s: Setting) =>
    symbol(s.name.name, SymbolKind.Property, s.range, s.name.range, printExpression(s.value));
  const evalBlock = (e: EvalBlock) =>
    symbol(
      `eval every ${printExpression(e.every)}`,
      SymbolKind.Event,
      e.range,
      e.range,
      undefined,
      e.body.flatMap((s) => (s.type === 'Binding' && named(s.name) ? [binding(s)] : [])),
    );
  const inStage = (s: StageStatement): DocumentSymbol[] => {
    if (s.type === 'Eval') return [evalBlock(s)];
    if (!named(s.name)) return [];
    return [s.type === 'Binding' ? binding(s) : setting(s)];
  };
  const stage = (s: Stage) =>
    symbol(s.name.name || 'stage', SymbolKind.Namespace, s.range, s.name.range, 'stage', s.body.flatMap(inStage));
  const top = (s: Statement): DocumentSymbol[] => {
    switch (s.type) {
      case 'Use':
        return [
          symbol(
            s.alias?.name || s.package.value || 'use',
            SymbolKind.Module,
            s.range,
            s.alias?.range ?? s.package.range,
            s.package.value,
          ),
        ];
      case 'Binding':
        return named(s.name) ? [binding(s)] : [];
      case 'Setting':
        return named(s.name) ? [setting(s)] : [];
      case 'Stage':
        return [stage(s)];
      default:
        return [];
    }
  };
  return analysis.ast.statements.flatMap(top);
}
