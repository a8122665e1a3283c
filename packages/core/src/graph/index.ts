// Drawings of a compiled plan for `sous graph`: Graphviz DOT and a standalone SVG.
export { planToDot } from './dot.js';
export { planToSvg } from './svg.js';
