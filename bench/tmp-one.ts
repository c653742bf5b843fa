import { useApp } from './lib/app';
import { prepareIngest, buildDeliveries } from './ingest';
const app = await useApp();
const ctx = await prepareIngest(app);
for (const d of buildDeliveries(ctx, 8, 'one', 0)) {
  const t = Date.now();
  const r = await fetch(app.url + d.path, { method: 'POST', body: d.body, headers: d.headers as any });
  console.log('POST', t, '→', r.status, Date.now() - t, 'ms');
  await new Promise((r) => setTimeout(r, 500));
}
process.exit(0);
