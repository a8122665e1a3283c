// Run reports: report.html for a run folder, comparisons of runs, and the live server.
export { writeReport, type WrittenPage } from './write-report.js';
export { writeComparison } from './write-comparison.js';
export { serveRuns, DEFAULT_PORT, type RunsServer, type ServeOptions } from './serve.js';
