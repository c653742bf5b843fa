// Preload that CPU-profiles a Node process with the inspector and writes a .cpuprofile when it
// stops (SIGTERM/SIGINT/exit). `--cpu-prof` is refused in NODE_OPTIONS; this is the same
// thing as a --require. Used by the bench to see where the app spends its CPU under load:
//
//   BENCH_NODE_OPTIONS="--require $PWD/bench/lib/cpu-profile.cjs" BENCH_PROFILE_DIR=/tmp/prof npx tsx bench/ingest.ts
//
// Open the file in Chrome DevTools (Performance) or summarise it with bench/lib/profile-top.ts.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR || '/tmp/bench-profiles';
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () => session.post('Profiler.start'));

let written = false;
function write() {
  if (written) return;
  written = true;
  try {
    session.post('Profiler.stop', (err, result) => {
      if (err || !result) return;
      fs.mkdirSync(dir, { recursive: true });
      const name = `${process.title.replace(/[^\w.-]+/g, '_')}-${process.pid}.cpuprofile`;
      fs.writeFileSync(path.join(dir, name), JSON.stringify(result.profile));
    });
  } catch {
    // best effort
  }
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.prependListener(signal, () => {
    write();
    // Alone, this listener would stop the signal from ending the process: end it as Node would.
    if (process.listenerCount(signal) === 1) process.exit(128 + (signal === 'SIGTERM' ? 15 : 2));
  });
}
process.on('exit', write);
