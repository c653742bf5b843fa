'use client';

import { useRef, useState } from 'react';
import { inputClass, SecondaryButton } from '@/components/ui/form-kit';
import { flowDefinitionSchema } from '@/lib/flows/definition';
import type { Draft } from './model';
import { saveBlobAs } from '@/components/ui/save-file';

/** Parses JSON into a builder draft: it must fit the step shapes (links are checked later). */
export function parseDraft(text: string): { ok: true; draft: Draft } | { ok: false; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`Not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`] };
  }
  const parsed = flowDefinitionSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'definition'}: ${i.message}`) };
  return { ok: true, draft: value as Draft };
}

/** Advanced: the definition as JSON, to copy, download, paste or import from a file. */
// Long: copy, download, paste and import act on one text area's draft; most of it is markup.
export function JsonPanel({ draft, onApply, fileName }: { draft: Draft; onApply: (d: Draft) => void; fileName: string }) {
  const current = JSON.stringify(draft, null, 2);
  const [text, setText] = useState(current);
  const [errors, setErrors] = useState<string[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const dirty = text !== current;

  const apply = (value: string) => {
    const result = parseDraft(value);
    if (!result.ok) {
      setErrors(result.errors);
      setNote(null);
      return;
    }
    setErrors([]);
    onApply(result.draft);
    setText(JSON.stringify(result.draft, null, 2));
    setNote('Applied to the builder.');
  };

  const download = () => {
    saveBlobAs(new Blob([current], { type: 'application/json' }), `${fileName.replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase() || 'flow'}.json`);
  };

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">The flow as JSON, for copying between workspaces or editing by hand. Changes here apply to the builder when you press “Apply JSON”.</p>
      <label className="block text-sm font-medium">
        Flow definition (JSON)
        <textarea
          className={`${inputClass} font-mono text-xs`}
          rows={22}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setNote(null);
          }}
          aria-invalid={errors.length > 0}
          aria-describedby="flow-json-status"
        />
      </label>
      <div id="flow-json-status" role="status" className="text-sm">
        {errors.length > 0 ? (
          <ul className="list-disc pl-5 text-red-700">
            {errors.slice(0, 8).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : note ? (
          <p className="text-emerald-700">{note}</p>
        ) : dirty ? (
          <p className="text-amber-700">Not applied yet.</p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <SecondaryButton type="button" disabled={!dirty} onClick={() => apply(text)}>
          Apply JSON
        </SecondaryButton>
        <SecondaryButton type="button" disabled={!dirty} onClick={() => (setText(current), setErrors([]))}>
          Discard changes
        </SecondaryButton>
        <SecondaryButton type="button" onClick={() => navigator.clipboard?.writeText(current).then(() => setNote('Copied.'))}>
          Copy JSON
        </SecondaryButton>
        <SecondaryButton type="button" onClick={download}>
          Export file
        </SecondaryButton>
        <SecondaryButton type="button" onClick={() => file.current?.click()}>
          Import file…
        </SecondaryButton>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Import a flow file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            const content = await f.text();
            setText(content);
            apply(content);
          }}
        />
      </div>
    </div>
  );
}
