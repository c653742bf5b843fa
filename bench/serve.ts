// Starts the benchmark app (production build in .next-bench, the bench database, the
// embedded realtime server on BENCH_PUSHER_PORT) and keeps it running until Ctrl-C, so
// several scripts can share it:
//
//   npx tsx bench/serve.ts            prints: export BENCH_APP='{…}'
//   BENCH_APP='{…}' npx tsx bench/ingest.ts
import { describeApp, startApp } from './lib/app';

const app = await startApp();
console.log(`\nThe bench app is up. Share it with the scripts:\n\nexport BENCH_APP='${describeApp(app)}'\n\n(Ctrl-C stops it)`);
const stop = async () => {
  await app.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setInterval(() => {}, 60_000);
