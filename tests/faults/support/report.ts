import fs from 'node:fs';
import path from 'node:path';
import type { FaultAccount } from './traffic';

/** Where each fault test leaves its figures; bench/reliability.ts turns them into RELIABILITY.md. */
export const FAULT_REPORTS = path.resolve(import.meta.dirname, '../../../.data/reports/faults');

export type FaultReport = { fault: string; title: string; account: FaultAccount; notes: string[]; at: string };

export function recordFault(fault: string, title: string, account: FaultAccount, notes: string[] = []): void {
  fs.mkdirSync(FAULT_REPORTS, { recursive: true });
  const report: FaultReport = { fault, title, account, notes, at: new Date().toISOString() };
  fs.writeFileSync(path.join(FAULT_REPORTS, `${fault}.json`), JSON.stringify(report, null, 2));
}
