// Summarises a .cpuprofile: the functions with the most self time, and self time per
// package/folder, so "where does the app spend its CPU" fits on a screen.
//
//   npx tsx bench/lib/profile-top.ts /tmp/prof/next-server-123.cpuprofile [--top=30]
import fs from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] };

function area(url: string): string {
  if (!url) return '(native/idle)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return url;
  const app = /\/(app|lib|db|channels|components)\//.exec(url);
  if (app) return `${app[1]}/`;
  if (url.includes('/.next')) return '(app bundle)';
  return url.split('/').slice(-2).join('/');
}

export function summariseProfile(file: string, top = 30): string {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  if (p.samples && p.timeDeltas) {
    for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const name = n.callFrame.functionName || '(anonymous)';
    const key = `${name}  ${area(n.callFrame.url)}${n.callFrame.url && !n.callFrame.url.includes('node_modules') ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    fn.set(key, (fn.get(key) ?? 0) + t);
    const a = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : area(n.callFrame.url);
    areas.set(a, (areas.get(a) ?? 0) + t);
  }
  const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)}%  ${t.toFixed(0).padStart(7)} ms`;
  const lines = [`${file}: ${(total / 1000).toFixed(1)} s sampled`, '', 'by area:'];
  for (const [k, t] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(t)}  ${k}`);
  lines.push('', 'by function (self time):');
  for (const [k, t] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(t)}  ${k}`);
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('profile-top.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top=N]');
  const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 30);
  console.log(summariseProfile(file, top));
}
