'use client';

import { Download } from 'lucide-react';
import { writeCsv } from '@/lib/commerce/csv';
import { saveBlobAs } from '@/components/ui/save-file';

/** Saves a table or chart's data as CSV, one row per item (cells guarded against formulas). */
export function CsvButton({ filename, header, rows, label }: { filename: string; header: string[]; rows: (string | number)[][]; label: string }) {
  const save = () => {
    const text = writeCsv([header, ...rows.map((r) => r.map(String))], { bom: true });
    saveBlobAs(new Blob([text], { type: 'text/csv;charset=utf-8' }), filename);
  };
  return (
    <button type="button" onClick={save} aria-label={`Download ${label} as CSV`} className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50">
      <Download aria-hidden className="h-3.5 w-3.5" /> CSV
    </button>
  );
}
