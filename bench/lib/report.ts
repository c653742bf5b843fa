import fs from 'node:fs';
import path from 'node:path';
import { machineInfo, machineLine, RESULTS_DIR, type Machine } from './env';

// Every script reports "figures": a measurement, its unit, and the budget it is held to.
// They are printed as a table and saved to bench/.results/<script>.json, which
// `npm run bench` (bench/run-all.ts) gathers into one table.

export type Budget = { op: '<=' | '>='; value: number };

export type Figure = {
  name: string;
  value: number | null;
  unit: string;
  budget?: Budget;
  /** Computed from value and budget; null when there is no budget or no value. */
  pass?: boolean | null;
  note?: string;
};

export type ScriptResult = { script: string; machine: Machine; startedAt: string; seconds: number; figures: Figure[]; details?: unknown };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export type Summary = { n: number; min: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n ? sorted.reduce((s, v) => s + v, 0) / n : NaN;
  return {
    n,
    min: sorted[0] ?? NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[n - 1] ?? NaN,
    mean,
  };
}

export const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)) : '—');

export function fmt(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const n = Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en') : Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  return unit ? `${n} ${unit}` : n;
}

export function budgetText(b?: Budget, unit = ''): string {
  if (!b) return '';
  return `${b.op === '<=' ? '≤' : '≥'} ${fmt(b.value, unit)}`;
}

export function verdict(f: Figure): string {
  if (f.pass === true) return 'ok';
  if (f.pass === false) return 'MISS';
  return '';
}

export function evaluate(f: Figure): Figure {
  const pass =
    f.budget && f.value !== null && Number.isFinite(f.value)
      ? f.budget.op === '<='
        ? f.value <= f.budget.value
        : f.value >= f.budget.value
      : f.budget
        ? false
        : null;
  return { ...f, pass };
}

function pad(s: string, n: number) {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A plain-text table: name, value, budget, verdict, note. */
export function table(rows: Array<{ script?: string } & Figure>, withScript = false): string {
  const cells = rows.map((f) => [
    ...(withScript ? [f.script ?? ''] : []),
    f.name,
    fmt(f.value, f.unit),
    budgetText(f.budget, f.unit),
    verdict(f),
    f.note ?? '',
  ]);
  const header = [...(withScript ? ['script'] : []), 'figure', 'measured', 'budget', '', 'note'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...cells.map((c) => c[i].length))));
  const line = (c: string[]) => c.map((v, i) => (i === c.length - 1 ? v : pad(v, widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export class Report {
  readonly figures: Figure[] = [];
  private readonly started = Date.now();
  details: Record<string, unknown> = {};

  constructor(readonly script: string) {}

  /** Adds a figure at the end of the table, or at its top (`first`): headline figures. */
  add(f: Figure, position: 'last' | 'first' = 'last'): Figure {
    const e = evaluate(f);
    if (position === 'first') this.figures.unshift(e);
    else this.figures.push(e);
    return e;
  }

  header(title: string): void {
    console.log(`\n== bench/${this.script}: ${title}`);
    console.log(machineLine());
  }

  /** Prints the table and saves bench/.results/<script>.json. */
  finish(): ScriptResult {
    const result: ScriptResult = {
      script: this.script,
      machine: machineInfo(),
      startedAt: new Date(this.started).toISOString(),
      seconds: Math.round((Date.now() - this.started) / 100) / 10,
      figures: this.figures,
      details: this.details,
    };
    console.log(`\n${machineLine()}`);
    console.log(table(this.figures));
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(RESULTS_DIR, `${this.script}.json`), JSON.stringify(result, null, 2));
    return result;
  }
}

export function readResult(script: string): ScriptResult | null {
  const file = path.join(RESULTS_DIR, `${script}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ScriptResult) : null;
}
