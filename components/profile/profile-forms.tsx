'use client';

import { useRouter } from 'next/navigation';
import { useActionState, useRef, useState, useTransition } from 'react';
import { Avatar } from '@/components/ui/avatar';
import type { ActionResult } from '@/lib/auth/action-core';
import { changePasswordAction, removePictureAction, signOutEverywhereAction, updateProfileAction } from '@/app/w/[slug]/profile/actions';

const card = 'mt-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6';
const field = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2';
const primary = 'rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60';
const MAX_BYTES = 4 * 1024 * 1024;

function Status({ state, done }: { state: ActionResult<unknown> | null; done: string }) {
  return (
    <p role="status" className={`text-sm ${state && !state.ok ? 'text-red-600' : 'text-emerald-700'}`}>
      {state ? (state.ok ? done : state.error) : ''}
    </p>
  );
}

export function PictureForm({ workspaceId, slug, name, avatarUrl }: { workspaceId: string; slug: string; name: string; avatarUrl: string | null }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const upload = () =>
    start(async () => {
      const file = input.current?.files?.[0];
      if (!file) return setMessage({ ok: false, text: 'Choose a picture.' });
      if (file.size > MAX_BYTES) return setMessage({ ok: false, text: 'Pictures can be at most 4 MB.' });
      const form = new FormData();
      form.set('workspaceId', workspaceId);
      form.set('picture', file);
      try {
        const response = await fetch(`/w/${encodeURIComponent(slug)}/profile/picture`, { method: 'POST', body: form });
        const result = (await response.json()) as ActionResult<{ avatarUrl: string }>;
        setMessage(result.ok ? { ok: true, text: 'Picture updated.' } : { ok: false, text: result.error });
        if (result.ok) {
          if (input.current) input.current.value = '';
          router.refresh();
        }
      } catch {
        setMessage({ ok: false, text: 'The upload failed. Check your connection and try again.' });
      }
    });
  const remove = () =>
    start(async () => {
      const result = await removePictureAction({ workspaceId });
      setMessage(result.ok ? { ok: true, text: 'Picture removed.' } : { ok: false, text: result.error });
      if (result.ok) router.refresh();
    });

  return (
    <div className={card}>
      <h2 className="font-medium">Picture</h2>
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <Avatar name={name} src={avatarUrl} size={64} />
        <div className="space-y-2">
          <label htmlFor="picture" className="block text-sm font-medium text-slate-700">New picture</label>
          <input ref={input} id="picture" name="picture" type="file" accept="image/png,image/jpeg,image/gif,image/webp" aria-describedby="picture-hint"
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm" />
          <p id="picture-hint" className="text-xs text-slate-500">PNG, JPEG, GIF or WebP, up to 4 MB.</p>
          <div className="flex items-center gap-2">
            <button type="button" onClick={upload} disabled={pending} className={primary}>
              {pending ? 'Saving…' : 'Upload picture'}
            </button>
            {avatarUrl && (
              <button type="button" onClick={remove} disabled={pending} className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100">
                Remove picture
              </button>
            )}
          </div>
        </div>
      </div>
      <p role="status" className={`mt-2 text-sm ${message && !message.ok ? 'text-red-600' : 'text-emerald-700'}`}>{message?.text ?? ''}</p>
    </div>
  );
}

export function NameForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ name: string }> | null, FormData>(
    (previous, form) => updateProfileAction(previous, form),
    null,
  );
  const error = state && !state.ok ? state.fieldErrors?.name?.[0] : undefined;
  return (
    <form action={action} className={card} aria-label="Display name">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <label htmlFor="profile-name" className="block text-sm font-medium text-slate-700">Display name</label>
      <input id="profile-name" name="name" key={state?.ok ? state.data.name : name} defaultValue={state?.ok ? state.data.name : name} required maxLength={80}
        aria-invalid={Boolean(error)} className={field} />
      <div className="mt-4 flex items-center gap-3">
        <button type="submit" disabled={pending} className={primary}>{pending ? 'Saving…' : 'Save name'}</button>
        <Status state={state} done="Saved. Others see your new name; sign in again to see it in your own header." />
      </div>
    </form>
  );
}

export function PasswordForm({ workspaceId }: { workspaceId: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ changed: boolean }> | null, FormData>(
    (previous, form) => changePasswordAction(previous, form),
    null,
  );
  const error = (name: string) => (state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined);
  return (
    <form action={action} className={card} aria-label="Change password">
      <h2 className="font-medium">Password</h2>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <div className="mt-3 space-y-4">
        <div>
          <label htmlFor="current-password" className="block text-sm font-medium text-slate-700">Current password</label>
          <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required className={field}
            aria-invalid={Boolean(error('currentPassword'))} />
          {error('currentPassword') && <p className="mt-1 text-xs text-red-600">{error('currentPassword')}</p>}
        </div>
        <div>
          <label htmlFor="new-password" className="block text-sm font-medium text-slate-700">New password</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" required minLength={10} className={field}
            aria-invalid={Boolean(error('password'))} aria-describedby="new-password-hint" />
          <p id="new-password-hint" className={`mt-1 text-xs ${error('password') ? 'text-red-600' : 'text-slate-500'}`}>
            {error('password') ?? 'At least 10 characters.'}
          </p>
        </div>
        <div>
          <label htmlFor="confirm-password" className="block text-sm font-medium text-slate-700">Confirm new password</label>
          <input id="confirm-password" name="confirm" type="password" autoComplete="new-password" required className={field}
            aria-invalid={Boolean(error('confirm'))} />
          {error('confirm') && <p className="mt-1 text-xs text-red-600">{error('confirm')}</p>}
        </div>
      </div>
      <div className="mt-4 flex items-center gap-3">
        <button type="submit" disabled={pending} className={primary}>{pending ? 'Saving…' : 'Change password'}</button>
        <Status state={state} done="Your password was changed. Every other device you were signed in on is signed out." />
      </div>
    </form>
  );
}

/** Ends every session of this account: other browsers, a lost phone, and this one. */
export function SessionsForm({ workspaceId }: { workspaceId: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const signOutEverywhere = () =>
    start(async () => {
      const result = await signOutEverywhereAction({ workspaceId });
      if (result && !result.ok) setError(result.error);
    });
  return (
    <div className={card}>
      <h2 className="font-medium">Sessions</h2>
      <p className="mt-1 text-sm text-slate-600">
        Signed in on a device you no longer use, or lost one? This signs you out on every browser and device, this one too.
      </p>
      <div className="mt-4 flex items-center gap-3">
        <button type="button" onClick={signOutEverywhere} disabled={pending}
          className="rounded-md border border-red-200 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
          {pending ? 'Signing out…' : 'Sign out everywhere'}
        </button>
        <p role="status" className="text-sm text-red-600">{error ?? ''}</p>
      </div>
    </div>
  );
}
