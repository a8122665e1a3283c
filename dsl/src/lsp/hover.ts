// Hover: the doc, type, default and declaring package of whatever name is under the cursor.
import type { Hover } from 'vscode-languageserver';
import { printExpression } from '../print.js';
import type { Analysis } from './analysis.js';
import { identifierPath } from './ast-path.js';
import {
  builtinMarkdown,
  namespaceMarkdown,
  nodeMarkdown,
  paramMarkdown,
  portMarkdown,
  portTypeMarkdown,
  settingMarkdown,
} from './describe.js';
import { findPortType } from '../registry.js';
import { toLspRange } from './positions.js';
import { resolveIdentifier, type RecipeSymbol } from './resolve.js';
import { scopeAt } from './scope.js';

export function hover(analysis: Analysis, offset: number): Hover | null {
  const path = identifierPath(analysis.ast, offset);
  if (!path) return null;
  const symbol = resolveIdentifier(analysis.model, path, scopeAt(analysis.model, offset));
  if (!symbol) return null;
  return {
    contents: { kind: 'markdown', value: markdown(analysis, symbol) },
    range: toLspRange(path.at(-1)!.range, analysis.document),
  };
}

function markdown({ model }: Analysis, symbol: RecipeSymbol): string {
  switch (symbol.kind) {
    case 'binding': {
      const { binding } = symbol;
      const type = model.bindingType(binding)?.type;
      const typeInfo = type === undefined ? undefined : findPortType(model.registry, type);
      const typeLine = typeInfo ? `type: ${portTypeMarkdown(typeInfo)}` : type ? `type: \`${type}\`` : undefined;
      const source = `${binding.name.name} = ${printExpression(binding.value)}`;
      return [
        `\`\`\`recipe\n${source}\n\`\`\``,
        ...(typeLine ? ['', typeLine] : []),
        '',
        `defined on line ${binding.range.start.line}`,
      ].join('\n');
    }
    case 'namespace':
      return namespaceMarkdown(symbol.entry.name, symbol.entry.plugin);
    case 'node':
      return nodeMarkdown(symbol.label, symbol.signature);
    case 'builtin':
      return builtinMarkdown(symbol.signature);
    case 'param':
      return paramMarkdown(symbol.spec, symbol.owner, symbol.declaredBy);
    case 'port':
      return portMarkdown(symbol.spec, symbol.owner, symbol.declaredBy, findPortType(model.registry, symbol.spec.type));
    case 'member': {
      const typeInfo = findPortType(model.registry, symbol.type);
      return [
        `**${symbol.name}**: \`${symbol.type}\``,
        ...(typeInfo ? ['', portTypeMarkdown(typeInfo)] : []),
        '',
        `member of a \`${symbol.objectType}\``,
      ].join('\n');
    }
    case 'setting':
      return settingMarkdown(symbol.spec);
    case 'stage':
      return `**stage ${symbol.stage.name.name}**`;
  }
}
