// Completion: statements and settings, node names (those producing the expected type first),
// the parameters and inputs of a call not yet set (with type, default and doc), enum values,
// built-in optimizers and schedules, and the bindings and namespaces in scope.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import {
  OPTIMIZERS,
  SCHEDULES,
  STAGE_SETTINGS,
  TOP_LEVEL_SETTINGS,
  type BuiltinSignature,
  type SettingSpec,
} from '../builtins.js';
import type { Scope, SemanticModel } from '../check/model.js';
import { quoteString } from '../print.js';
import {
  BUILTIN_PORT_TYPES,
  findPortType,
  type NodeSignature,
  type ParamSpec,
  type PortSpec,
  type PortType,
} from '../registry.js';
import { lex } from '../syntax.js';
import type { Analysis } from './analysis.js';
import { completionContext, type CallSite, type Slot } from './completion-context.js';
import {
  builtinMarkdown,
  nodeMarkdown,
  packageLabel,
  paramDetail,
  paramMarkdown,
  portDetail,
  portMarkdown,
  settingMarkdown,
} from './describe.js';
import { scopeAt } from './scope.js';

/** What the slot would like: a value of a port type, or a node of a kind. */
interface Expected {
  type?: PortType;
  kind?: string;
}

/** What a call accepts, whether a plugin node or a built-in. */
interface CallSignature {
  label: string;
  params: ParamSpec[];
  inputs: PortSpec[];
  declaredBy?: string;
}

const markdown = (value: string) => ({ kind: 'markdown' as const, value });
/** Sorts the items that fit the expected type first; among equals, values (bindings, members)
 * before namespaces before nodes. */
const ORDER = { value: 0, namespace: 1, node: 2 } as const;
const rank = (fits: boolean, what: keyof typeof ORDER, label: string) => `${fits ? '0' : '1'}${ORDER[what]}${label}`;

export function complete(analysis: Analysis, offset: number): CompletionItem[] {
  const { document, model } = analysis;
  const context = completionContext(lex(document.getText()), offset, document.positionAt(offset).line + 1);
  const scope = scopeAt(model, offset);
  const { slot } = context;
  const expected = expectedIn(slot, model, scope);
  if (context.memberOf !== undefined) return memberItems(model, scope, context.memberOf, expected);
  switch (slot.kind) {
    case 'statement':
      return scope.kind === 'eval' ? valueItems(model, scope, { kind: 'eval' }) : statementItems(scope);
    case 'after-eval':
      return [{ label: 'every', kind: CompletionItemKind.Keyword, insertText: 'every ' }];
    case 'setting-value':
      return settingValueItems(scope, slot.setting);
    case 'binding-value':
      return valueItems(model, scope, expected, slot.name);
    case 'operand':
      return valueItems(model, scope, expected);
    case 'argument': {
      const signature = callSignature(model, scope, slot.call);
      return signature
        ? argumentItems(model, scope, signature, slot.positional, slot.named, expected)
        : valueItems(model, scope, expected);
    }
    case 'argument-value': {
      const signature = callSignature(model, scope, slot.call);
      const param = signature?.params.find((p) => p.name === slot.name);
      return param ? literalItems(param) : valueItems(model, scope, expected);
    }
    case 'none':
      return [];
  }
}

// ---- what is expected where ----------------------------------------------------------------

function expectedIn(slot: Slot, model: SemanticModel, scope: Scope): Expected | undefined {
  switch (slot.kind) {
    case 'binding-value':
      return expectedFromName(slot.name, scope, model);
    case 'argument': {
      const signature = callSignature(model, scope, slot.call);
      const port = signature?.inputs[slot.positional];
      return port && !slot.named.has(port.name) ? { type: port.type } : undefined;
    }
    case 'argument-value': {
      const port = callSignature(model, scope, slot.call)?.inputs.find((p) => p.name === slot.name);
      return port && { type: port.type };
    }
    case 'operand':
      return '&|!'.includes(slot.operator) ? { type: 'Mask' } : undefined;
    default:
      return undefined;
  }
}

/** A binding's name hints at what it holds: `loss` in a stage is the stage's Loss; `reward`,
 * `adv`, `mask`, `rollouts` name a node kind or a port type (exactly, plural, or a prefix of at
 * least three letters). */
function expectedFromName(name: string, scope: Scope, model: SemanticModel): Expected | undefined {
  if (name === 'loss' && scope.kind === 'stage') return { type: 'Loss' };
  const word = name.toLowerCase();
  const named = (candidate: string) => {
    const c = candidate.toLowerCase();
    return c === word || c === `${word}s` || (word.length >= 3 && c.startsWith(word));
  };
  const kinds = new Set(model.registry.plugins().flatMap((p) => p.nodes.map((n) => n.kind)));
  const kind = [...kinds].find(named);
  const declared = model.registry.plugins().flatMap((p) => Object.keys(p.types ?? {}));
  const type = [...Object.keys(BUILTIN_PORT_TYPES), ...declared].find(named);
  return kind || type ? { kind, type } : undefined;
}

const nodeFits = (node: NodeSignature, expected?: Expected) =>
  expected !== undefined && (node.output === expected.type || node.kind === expected.kind);

function callSignature(model: SemanticModel, scope: Scope, call: CallSite): CallSignature | undefined {
  if (call.namespace === undefined) {
    const builtin = [...OPTIMIZERS, ...SCHEDULES].find((b) => b.name === call.callee);
    return builtin && { label: builtin.name, params: builtin.params, inputs: builtin.inputs };
  }
  const name = model.resolveName(call.namespace, scope);
  const node = name?.kind === 'namespace' ? name.entry.plugin.nodes.find((n) => n.name === call.callee) : undefined;
  return (
    node && {
      label: `${call.namespace}.${node.name}`,
      params: node.params,
      inputs: node.inputs,
      declaredBy: packageLabel(node),
    }
  );
}

// ---- items ------------------------------------------------------------------------------------

function nodeItem(label: string, node: NodeSignature, expected?: Expected): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Function,
    detail: `${node.kind} → ${node.output} · ${packageLabel(node)}`,
    documentation: markdown(nodeMarkdown(label, node)),
    sortText: rank(nodeFits(node, expected), 'node', label),
  };
}

/** Bindings in scope (innermost first, `except` left out), namespaces, and every node as
 * `namespace.node`. */
function valueItems(model: SemanticModel, scope: Scope, expected?: Expected, except?: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>(except === undefined ? [] : [except]);
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    for (const [name, binding] of s.bindings) {
      if (seen.has(name)) continue;
      seen.add(name);
      const type = model.bindingType(binding)?.type;
      items.push({
        label: name,
        kind: CompletionItemKind.Variable,
        detail: type,
        sortText: rank(type !== undefined && type === expected?.type, 'value', name),
      });
    }
  }
  for (const { name, plugin } of model.namespaces.values()) {
    items.push({
      label: name,
      kind: CompletionItemKind.Module,
      detail: packageLabel(plugin),
      sortText: rank(false, 'namespace', name),
    });
    for (const node of plugin.nodes) items.push(nodeItem(`${name}.${node.name}`, node, expected));
  }
  return items;
}

/** After `object.`: a namespace's nodes, or the members of a value. */
function memberItems(model: SemanticModel, scope: Scope, object: string, expected?: Expected): CompletionItem[] {
  const name = model.resolveName(object, scope);
  if (name?.kind === 'namespace')
    return name.entry.plugin.nodes.map((node) => ({ ...nodeItem(node.name, node, expected), label: node.name }));
  if (name?.kind !== 'binding') return [];
  const members = model.bindingType(name.binding)?.members ?? {};
  return Object.entries(members).map(([member, type]) => ({
    label: member,
    kind: CompletionItemKind.Property,
    detail: type,
    sortText: rank(type === expected?.type, 'value', member),
  }));
}

/** At an argument's start: the parameters and inputs not set yet, and values for the next
 * positional input. */
function argumentItems(
  model: SemanticModel,
  scope: Scope,
  signature: CallSignature,
  positional: number,
  named: Set<string>,
  expected?: Expected,
): CompletionItem[] {
  const { label: owner, declaredBy } = signature;
  const openPorts = signature.inputs.filter((p, i) => (i >= positional || p.variadic) && !named.has(p.name));
  const names: CompletionItem[] = [
    ...signature.params
      .filter((p) => !named.has(p.name))
      .map((spec) => ({
        label: spec.name,
        kind: CompletionItemKind.Property,
        insertText: `${spec.name}: `,
        detail: paramDetail(spec),
        documentation: markdown(paramMarkdown(spec, owner, declaredBy)),
      })),
    ...openPorts.map((port) => ({
      label: port.name,
      kind: CompletionItemKind.Field,
      insertText: `${port.name}: `,
      detail: portDetail(port),
      documentation: markdown(portMarkdown(port, owner, declaredBy, findPortType(model.registry, port.type))),
    })),
  ].map((item) => ({ ...item, sortText: `1${item.label}` }));
  // Values (for the next positional input) before the names when a value of its type exists.
  const values = openPorts.length > 0 ? valueItems(model, scope, expected) : [];
  return [
    ...names,
    ...values.map((item) => ({ ...item, sortText: item.sortText!.startsWith('0') ? item.sortText : `2${item.label}` })),
  ];
}

/** The literal values a parameter takes, where they are few: enum values and booleans. */
function literalItems(spec: ParamSpec): CompletionItem[] {
  if (spec.type === 'enum') {
    return (spec.values ?? []).map((value) => ({
      label: quoteString(value),
      kind: CompletionItemKind.EnumMember,
      detail: value === spec.default ? 'default' : undefined,
    }));
  }
  if (spec.type === 'boolean') return ['true', 'false'].map((label) => ({ label, kind: CompletionItemKind.Keyword }));
  return [];
}

function statementItems(scope: Scope): CompletionItem[] {
  const keyword = (label: string, insertText = `${label} `): CompletionItem => ({
    label,
    kind: CompletionItemKind.Keyword,
    insertText,
  });
  const setting = (spec: SettingSpec): CompletionItem => ({
    label: spec.name,
    kind: CompletionItemKind.Property,
    insertText: `${spec.name} `,
    detail: spec.form === 'value' ? paramDetail(spec.spec) : `${spec.form} call`,
    documentation: markdown(settingMarkdown(spec)),
  });
  if (scope.kind === 'top')
    return [...['sous', 'recipe', 'use', 'stage'].map((k) => keyword(k)), ...TOP_LEVEL_SETTINGS.map(setting)];
  return [keyword('eval every', 'eval every '), ...STAGE_SETTINGS.map(setting)];
}

function settingValueItems(scope: Scope, name: string): CompletionItem[] {
  const builtin = (b: BuiltinSignature): CompletionItem => ({
    label: b.name,
    kind: CompletionItemKind.Function,
    detail: `built-in ${b.kind}`,
    documentation: markdown(builtinMarkdown(b)),
  });
  const specs = scope.kind === 'top' ? TOP_LEVEL_SETTINGS : STAGE_SETTINGS;
  const spec = specs.find((s) => s.name === name);
  if (spec?.form === 'optimizer') return OPTIMIZERS.map(builtin);
  if (spec?.form === 'schedule') return SCHEDULES.map(builtin);
  return spec?.form === 'value' ? literalItems(spec.spec) : [];
}
