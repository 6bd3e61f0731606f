/** `npm run bench:report`: rewrites docs/benchmarks.md and its charts from bench/results/*.json. */
import { REPO_ROOT } from './machine.js';
import { updateBenchmarksReport } from './index.js';

const written = await updateBenchmarksReport();
console.log(`wrote ${written.map((f) => f.slice(REPO_ROOT.length)).join(', ')}`);
