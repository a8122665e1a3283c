// The chain of AST nodes under an offset, outermost first: what hover and go to definition look
// at. The walk is generic over the AST's shape (any property holding nodes with a range), so a
// new node type needs no change here.
import type { Range, RecipeFile } from '../ast.js';

/** Any AST node (Argument has no `type`, hence the loose shape). */
export type AnyNode = { range: Range; type?: string } & object;

function isNode(value: unknown): value is AnyNode {
  return (
    typeof value === 'object' && value !== null && 'range' in value && typeof (value as AnyNode).range === 'object'
  );
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'range' || key === 'comments') continue;
    if (Array.isArray(value)) out.push(...value.filter(isNode));
    else if (isNode(value)) out.push(value);
  }
  return out;
}

/** The nodes whose range holds `offset` ([start, end)), from the file down to the innermost. */
export function nodePath(ast: RecipeFile, offset: number): AnyNode[] {
  const path: AnyNode[] = [ast];
  for (let node: AnyNode | undefined = ast; node; ) {
    node = children(node).find((child) => child.range.start.offset <= offset && offset < child.range.end.offset);
    if (node) path.push(node);
  }
  return path;
}

/** The path to the identifier under `offset`, or just before it (a cursor right after a name),
 * or undefined when there is none. */
export function identifierPath(ast: RecipeFile, offset: number): AnyNode[] | undefined {
  for (const at of [offset, offset - 1]) {
    const path = nodePath(ast, at);
    if (path.at(-1)?.type === 'Identifier') return path;
  }
  return undefined;
}

/** The path (outermost first) to every identifier of the file, in source order. */
export function identifierPaths(ast: RecipeFile): AnyNode[][] {
  const out: AnyNode[][] = [];
  const walk = (path: AnyNode[]): void => {
    const node = path.at(-1)!;
    if (node.type === 'Identifier') out.push(path);
    for (const child of children(node)) walk([...path, child]);
  };
  walk([ast]);
  return out;
}
