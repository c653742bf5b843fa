'use client';

import { useState } from 'react';

/** A code block with a copy button. */
export function CopySnippet({ label, code }: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2">
      <div className="relative">
        <pre aria-label={label} className="overflow-x-auto rounded-lg bg-slate-900 p-3 pr-20 text-xs text-slate-100">
          <code>{code}</code>
        </pre>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(code).then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            });
          }}
          className="absolute right-2 top-2 rounded bg-white/10 px-2 py-1 text-xs text-white hover:bg-white/20"
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
