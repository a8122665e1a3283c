// Run reports: report.html for a run folder, comparisons of runs, the live server, and drawings
// of a plan's graph.
export { writeReport, type WrittenPage } from './write-report.js';
export { writeComparison } from './write-comparison.js';
export { serveRuns, DEFAULT_PORT, type RunsServer, type ServeOptions } from './serve.js';
export { planToDot } from './dot.js';
export { planToSvg } from './svg.js';
