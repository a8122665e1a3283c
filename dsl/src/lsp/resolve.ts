// What an identifier in a recipe stands for, read from the checker's semantic model: a binding,
// a namespace, a plugin node, a built-in, a parameter, a member, a setting or a stage. Hover,
// go to definition and semantic tokens all ask this one question.
import type { Argument, Binding, CallExpression, Identifier, MemberExpression, Setting, Stage } from '../ast.js';
import type { BuiltinSignature, SettingSpec } from '../builtins.js';
import type { NamespaceEntry, Scope, SemanticModel } from '../check/model.js';
import type { NodeSignature, ParamSpec, PortSpec, PortType } from '../registry.js';
import type { AnyNode } from './ast-path.js';
import { packageLabel } from './describe.js';

export type RecipeSymbol =
  | { kind: 'binding'; binding: Binding; declaration: boolean }
  | { kind: 'namespace'; entry: NamespaceEntry; declaration: boolean }
  | { kind: 'node'; label: string; signature: NodeSignature }
  | { kind: 'builtin'; signature: BuiltinSignature }
  | { kind: 'param'; spec: ParamSpec; owner: string; declaredBy?: string }
  | { kind: 'port'; spec: PortSpec; owner: string; declaredBy?: string }
  | { kind: 'member'; name: string; type: PortType; objectType: PortType }
  | { kind: 'setting'; spec: SettingSpec }
  | { kind: 'stage'; stage: Stage };

/** `path` ends at an Identifier; `scope` is the scope it sits in. */
export function resolveIdentifier(model: SemanticModel, path: AnyNode[], scope: Scope): RecipeSymbol | undefined {
  const id = path.at(-1) as Identifier;
  const parent = path.at(-2);
  switch (parent?.type) {
    case 'Binding':
      if ((parent as Binding).name === id) return { kind: 'binding', binding: parent as Binding, declaration: true };
      break;
    case 'Stage':
      return { kind: 'stage', stage: parent as Stage };
    case 'Setting': {
      if ((parent as Setting).name !== id) break;
      const spec = model.settingSpec(parent as Setting, scope.kind === 'top' ? 'top' : 'stage');
      return spec && { kind: 'setting', spec };
    }
    case 'Use': {
      const entry = model.namespaces.get(id.name);
      return entry && entry.use === parent ? { kind: 'namespace', entry, declaration: true } : undefined;
    }
    case 'Member': {
      const member = parent as MemberExpression;
      // The object of a value's member (`task` in `task.vocab`) is an ordinary reference.
      if (member.member === id || model.isNamespaceMember(member, scope))
        return resolveMember(model, member, id, scope);
      break;
    }
    case 'Call': {
      const resolution = model.resolveCall(parent as CallExpression, scope);
      if ((parent as CallExpression).callee !== id || !resolution.ok || resolution.target.kind !== 'builtin')
        return undefined;
      return { kind: 'builtin', signature: resolution.target.signature };
    }
    case undefined: {
      const argument = parent as Argument | undefined;
      if (argument?.name === id) return resolveArgumentName(model, path.at(-3) as CallExpression, id, scope);
      break;
    }
  }
  const name = model.resolveName(id.name, scope);
  if (name?.kind === 'binding') return { kind: 'binding', binding: name.binding, declaration: false };
  if (name?.kind === 'namespace') return { kind: 'namespace', entry: name.entry, declaration: false };
  return undefined;
}

function resolveMember(
  model: SemanticModel,
  member: MemberExpression,
  id: Identifier,
  scope: Scope,
): RecipeSymbol | undefined {
  if (model.isNamespaceMember(member, scope)) {
    const namespace = member.object as Identifier;
    if (member.object === id) {
      const name = model.resolveName(id.name, scope);
      return name?.kind === 'namespace' ? { kind: 'namespace', entry: name.entry, declaration: false } : undefined;
    }
    const node = model.resolveNode(namespace, id, member.range, scope);
    return 'problem' in node ? undefined : { kind: 'node', label: node.label, signature: node.signature };
  }
  const object = model.typeOf(member.object, scope);
  const type = object?.members?.[id.name];
  return object && type ? { kind: 'member', name: id.name, type, objectType: object.type } : undefined;
}

function resolveArgumentName(
  model: SemanticModel,
  call: CallExpression,
  id: Identifier,
  scope: Scope,
): RecipeSymbol | undefined {
  const resolution = model.resolveCall(call, scope);
  if (!resolution.ok) return undefined;
  const { target, args } = resolution;
  const declaredBy = target.kind === 'node' ? packageLabel(target.signature) : undefined;
  const param = args.params.get(id.name);
  if (param?.arg.name === id) return { kind: 'param', spec: param.spec, owner: target.label, declaredBy };
  const port = args.ports.get(id.name);
  if (port?.arg.name === id) return { kind: 'port', spec: port.spec, owner: target.label, declaredBy };
  return undefined;
}
