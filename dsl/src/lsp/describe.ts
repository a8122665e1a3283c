// Markdown and one-line descriptions of what the registry and the built-ins declare: the text of
// hovers and of completion details. One place, so hover and completion say the same thing.
import type { BuiltinSignature, SettingSpec } from '../builtins.js';
import { describeDimension } from '../check/units.js';
import { itemCount, paramBounds } from '../check/values.js';
import { quoteString } from '../print.js';
import type { NodeSignature, ParamSpec, PluginSignature, PortSpec, PortTypeOrigin, Value } from '../registry.js';

/** `@sous/objectives@0.1.0` */
export function packageLabel(owner: { package: string; version?: string }): string {
  return owner.version === undefined ? owner.package : `${owner.package}@${owner.version}`;
}

/** A parameter value as recipe text: `0.2`, `"k3"`, `[1, 8]`. */
export function valueText(value: Value): string {
  if (typeof value === 'string') return quoteString(value);
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`;
  return JSON.stringify(value);
}

/** `number`, `integer (count: steps, epochs, tokens)`, `"k1" | "k3"`, `list of number (2 items)`. */
export function paramType(spec: ParamSpec): string {
  switch (spec.type) {
    case 'enum':
      return (spec.values ?? []).map((v) => quoteString(v)).join(' | ');
    case 'list': {
      const count = itemCount(spec);
      return `list of ${spec.items ?? 'number'}${count ? ` (${count})` : ''}`;
    }
    default:
      return spec.dimension ? `${spec.type}, ${describeDimension(spec.dimension)}` : spec.type;
  }
}

/** One line: `number = 0.2 (>= 0 and <= 10)`, `string (required)`. */
export function paramDetail(spec: ParamSpec): string {
  const value =
    spec.default !== undefined ? ` = ${valueText(spec.default)}` : spec.required ? ' (required)' : ' (optional)';
  const bounds = paramBounds(spec);
  return `${paramType(spec)}${value}${bounds ? `, ${bounds}` : ''}`;
}

export function portDetail(port: PortSpec): string {
  const arity = port.variadic
    ? port.optional
      ? ' (any number)'
      : ' (one or more)'
    : port.optional
      ? ' (optional)'
      : '';
  return `${port.type} input${arity}`;
}

/** `` `Schedule`: a noise schedule … (declared by `@sous/diffusion`) ``: what a port type is. */
export function portTypeMarkdown(type: PortTypeOrigin): string {
  return `\`${type.name}\`: ${type.doc}${type.package ? ` (type declared by \`${type.package}\`)` : ''}`;
}

/** Hover on a parameter: name, type, default, bounds, doc and who declares it. */
export function paramMarkdown(spec: ParamSpec, owner: string, declaredBy?: string): string {
  const lines = [`**${spec.name}**: ${paramType(spec)}`, ''];
  lines.push(
    `default: ${spec.default !== undefined ? `\`${valueText(spec.default)}\`` : spec.required ? 'none (required)' : 'none (optional)'}`,
  );
  const bounds = paramBounds(spec);
  if (bounds) lines.push('', `range: ${bounds}`);
  lines.push('', spec.doc, '', `parameter of \`${owner}\`${declaredBy ? ` · declared by \`${declaredBy}\`` : ''}`);
  return lines.join('\n');
}

export function portMarkdown(port: PortSpec, owner: string, declaredBy?: string, type?: PortTypeOrigin): string {
  const lines = [`**${port.name}**: ${portDetail(port)}`];
  if (port.doc) lines.push('', port.doc);
  if (type) lines.push('', portTypeMarkdown(type));
  lines.push('', `input of \`${owner}\`${declaredBy ? ` · declared by \`${declaredBy}\`` : ''}`);
  return lines.join('\n');
}

function signatureLines(params: ParamSpec[], inputs: PortSpec[]): string[] {
  const lines: string[] = [];
  if (inputs.length)
    lines.push('', 'inputs:', ...inputs.map((p) => `- \`${p.name}\`: ${portDetail(p)}${p.doc ? ` — ${p.doc}` : ''}`));
  if (params.length)
    lines.push('', 'parameters:', ...params.map((p) => `- \`${p.name}\`: ${paramDetail(p)} — ${p.doc}`));
  return lines;
}

/** `objectives.clipped_pg` (loss) → Loss: doc, inputs, parameters, package. */
export function nodeMarkdown(label: string, node: NodeSignature): string {
  return [
    `**${label}** (${node.kind}) → \`${node.output}\``,
    '',
    node.doc,
    ...signatureLines(node.params, node.inputs),
    '',
    `declared by \`${packageLabel(node)}\``,
  ].join('\n');
}

export function builtinMarkdown(builtin: BuiltinSignature): string {
  return [
    `**${builtin.name}** (built-in ${builtin.kind})`,
    '',
    builtin.doc,
    ...signatureLines(builtin.params, builtin.inputs),
  ].join('\n');
}

export function settingMarkdown(setting: SettingSpec): string {
  if (setting.form !== 'value') return [`**${setting.name}** (setting)`, '', setting.doc].join('\n');
  return paramMarkdown(setting.spec, 'the recipe settings').replace(
    `**${setting.name}**`,
    `**${setting.name}** (setting)`,
  );
}

export function namespaceMarkdown(namespace: string, plugin: PluginSignature): string {
  const nodes = plugin.nodes.map((n) => `\`${n.name}\``).join(', ');
  return [`**${namespace}**: namespace of \`${packageLabel(plugin)}\``, '', `nodes: ${nodes}`].join('\n');
}
