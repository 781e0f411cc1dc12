import { runPunctuality } from './scenarios/punctuality';
const r = await runPunctuality(1, true);
for (const f of r.figures.slice(1,5)) console.log(f.label, JSON.stringify(f.volsnap));
