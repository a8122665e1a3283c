// The compiled plan as Graphviz DOT (`sous graph --format dot`): one cluster per stage, the
// top-level nodes (models, tasks) outside every cluster, operators as small circles. The node
// captions and colours are the report diagrams' (report/graph.ts), so both drawings agree.
import { planEdges, type Plan, type PlanNode } from '@sous/dsl';
import { KIND_COLOURS, nodeCaption, stageTitle } from './graph.js';

/** A DOT double-quoted string; a newline becomes DOT's `\n` line break. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function nodeStatement(node: PlanNode): string {
  const caption = nodeCaption(node);
  const colour = KIND_COLOURS[node.kind];
  const attrs = caption.symbol
    ? [`label=${quote(caption.symbol)}`, 'shape=circle', 'width=0.35', 'fixedsize=true']
    : [`label=${quote([caption.title, caption.op, caption.params].filter(Boolean).join('\n'))}`];
  if (colour) attrs.push(`color=${quote(colour)}`);
  return `${quote(node.id)} [${attrs.join(', ')}];`;
}

/** The plan as a DOT digraph; every input port is one edge, labelled `.member` for member access. */
export function planToDot(plan: Plan): string {
  const lines = [
    `digraph ${quote(plan.recipe)} {`,
    '  rankdir=LR;',
    '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const node of plan.nodes) if (node.stage === null) lines.push(`  ${nodeStatement(node)}`);
  for (const stage of plan.stages) {
    lines.push(`  subgraph ${quote(`cluster_${stage.name}`)} {`, `    label=${quote(stageTitle(stage))};`);
    for (const node of plan.nodes) if (node.stage === stage.name) lines.push(`    ${nodeStatement(node)}`);
    lines.push('  }');
  }
  for (const node of plan.nodes) {
    for (const edge of planEdges(node)) {
      const label = edge.member ? ` [label=${quote(`.${edge.member}`)}]` : '';
      lines.push(`  ${quote(edge.node)} -> ${quote(node.id)}${label};`);
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
