import { runThroughput } from './scenarios/throughput';
const r = await runThroughput(1);
for (const f of r.figures) console.log(f.label, JSON.stringify(f.volsnap), JSON.stringify(f.legacy));
