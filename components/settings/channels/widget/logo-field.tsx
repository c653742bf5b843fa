'use client';

import { useId, useState } from 'react';
import { FieldError, SecondaryButton } from '@/components/ui/form-kit';

const TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/**
 * The shop's logo: a small image read in the browser into a data: URL (the widget page
 * loads images from nowhere else) and sent with the form; the server checks it again.
 */
export function LogoField({ value, maxBytes, error, onValueChange }: { value: string; maxBytes: number; error?: string; onValueChange(value: string): void }) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const shown = problem ?? error;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Logo
      </label>
      <input type="hidden" name="logo" value={value} />
      <div className="mt-1 flex flex-wrap items-center gap-3">
        {value ? (
          // eslint-disable-next-line @next/next/no-img-element -- the chosen logo, a data: URL
          <img src={value} alt="Current logo" className="h-10 w-10 rounded-full border border-slate-200 object-cover" />
        ) : (
          <span className="text-sm text-slate-500">No logo</span>
        )}
        <input
          id={id}
          type="file"
          accept={TYPES.join(',')}
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
          className="text-sm file:mr-2 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            if (!TYPES.includes(file.type)) return setProblem('Choose a PNG, JPEG, GIF or WebP image');
            if (file.size > maxBytes) return setProblem(`Choose a logo of at most ${Math.round(maxBytes / 1024)} KB`);
            setProblem(null);
            const reader = new FileReader();
            reader.onload = () => onValueChange(String(reader.result));
            reader.readAsDataURL(file);
          }}
        />
        {value && <SecondaryButton onClick={() => onValueChange('')}>Remove logo</SecondaryButton>}
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        Square works best; at most {Math.round(maxBytes / 1024)} KB. Shown when replies are signed with the shop&apos;s name.
      </p>
      <FieldError id={`${id}-error`} message={shown ?? undefined} />
    </div>
  );
}
