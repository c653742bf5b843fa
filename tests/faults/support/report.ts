import fs from 'node:fs';
import path from 'node:path';
import type { FaultAccount } from './traffic';

/** Where each fault test leaves its figures; bench/reliability.ts turns them into RELIABILITY.md. */
export const FAULT_REPORTS = path.resolve(import.meta.dirname, '../../../.data/reports/faults');

/** `race`: for a race between processes, what it ended with, in one line (its own table). */
export type FaultReport = { fault: string; title: string; account: FaultAccount; notes: string[]; race?: string; at: string };

export function recordFault(fault: string, title: string, account: FaultAccount, notes: string[] = [], race?: string): void {
  fs.mkdirSync(FAULT_REPORTS, { recursive: true });
  const report: FaultReport = { fault, title, account, notes, race, at: new Date().toISOString() };
  fs.writeFileSync(path.join(FAULT_REPORTS, `${fault}.json`), JSON.stringify(report, null, 2));
}
