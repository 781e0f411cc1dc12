import { runScale } from './scenarios/scale';
const r = await runScale(1);
for (const f of r.figures) console.log(f.label, f.volsnap.median.toFixed(1));
