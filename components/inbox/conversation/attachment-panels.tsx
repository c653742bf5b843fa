'use client';

import { useState, useTransition } from 'react';
import { sendContentAction } from '@/app/w/[slug]/inbox/conversation-actions';
import { checkPublicHttpUrl } from '@/lib/composer/links';
import type { SendContentPayload } from '@/lib/inbox/send-content';

type PanelProps = { workspaceId: string; conversationId: string; onClose(): void; onSent(): void };
type Content = SendContentPayload;

const input = 'mt-0.5 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm';

function useSend({ workspaceId, conversationId, onSent }: PanelProps) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const send = (content: Content) =>
    start(async () => {
      setError(null);
      const result = await sendContentAction({ workspaceId, conversationId, content });
      if (result.ok) onSent();
      else setError(result.error);
    });
  return { pending, error, setError, send };
}

function Shell({ title, onClose, children, error }: { title: string; onClose(): void; children: React.ReactNode; error: string | null }) {
  return (
    <section aria-label={title} className="mb-2 rounded-md border border-slate-200 bg-slate-50 p-3">
      <div className="mb-2 flex items-center">
        <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
        <button type="button" onClick={onClose} className="ml-auto text-xs text-slate-600 hover:underline">
          Cancel
        </button>
      </div>
      {children}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}

/** An image, video or file by link: it must be public, since the customer's app fetches it. */
export function LinkPanel(props: PanelProps) {
  const { pending, error, setError, send } = useSend(props);
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<'image' | 'video' | 'file'>('image');
  const [caption, setCaption] = useState('');
  return (
    <Shell title="Send a media link" onClose={props.onClose} error={error}>
      <form
        className="grid gap-2 sm:grid-cols-[1fr_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          const checked = checkPublicHttpUrl(url);
          if (!checked.ok) return setError(checked.reason);
          send({ kind: 'link', mediaKind: kind, url: checked.url, ...(caption.trim() ? { caption: caption.trim() } : {}) });
        }}
      >
        <label className="text-xs text-slate-700">
          Public link (https://…)
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://shop.example.com/photo.jpg" className={input} />
        </label>
        <label className="text-xs text-slate-700">
          Type
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className={input}>
            <option value="image">Image</option>
            <option value="video">Video</option>
            <option value="file">File</option>
          </select>
        </label>
        <label className="text-xs text-slate-700 sm:col-span-2">
          Caption (optional)
          <input value={caption} onChange={(e) => setCaption(e.target.value)} maxLength={1000} className={input} />
        </label>
        <button type="submit" disabled={pending} className="justify-self-start rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {pending ? 'Sending…' : 'Send link'}
        </button>
      </form>
    </Shell>
  );
}

export function LocationPanel(props: PanelProps) {
  const { pending, error, send } = useSend(props);
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  return (
    <Shell title="Send a location" onClose={props.onClose} error={error}>
      <form
        className="grid grid-cols-2 gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          send({ kind: 'location', latitude: Number(lat), longitude: Number(lng), name: name.trim() || undefined, address: address.trim() || undefined });
        }}
      >
        <label className="text-xs text-slate-700">
          Latitude
          <input required inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} placeholder="13.7563" pattern="-?\d+(\.\d+)?" className={input} />
        </label>
        <label className="text-xs text-slate-700">
          Longitude
          <input required inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} placeholder="100.5018" pattern="-?\d+(\.\d+)?" className={input} />
        </label>
        <label className="text-xs text-slate-700">
          Place name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} className={input} />
        </label>
        <label className="text-xs text-slate-700">
          Address
          <input value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} className={input} />
        </label>
        <button type="submit" disabled={pending} className="justify-self-start rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {pending ? 'Sending…' : 'Send location'}
        </button>
      </form>
    </Shell>
  );
}

export function ContactPanel(props: PanelProps) {
  const { pending, error, send } = useSend(props);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  return (
    <Shell title="Send a contact card" onClose={props.onClose} error={error}>
      <form
        className="grid grid-cols-2 gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          send({ kind: 'contact', name: name.trim(), phones: [phone.trim()], ...(email.trim() ? { emails: [email.trim()] } : {}) });
        }}
      >
        <label className="col-span-2 text-xs text-slate-700">
          Name
          <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={100} className={input} />
        </label>
        <label className="text-xs text-slate-700">
          Phone
          <input required type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+66 2 026 3311" className={input} />
        </label>
        <label className="text-xs text-slate-700">
          Email (optional)
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} className={input} />
        </label>
        <button type="submit" disabled={pending} className="justify-self-start rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {pending ? 'Sending…' : 'Send contact'}
        </button>
      </form>
    </Shell>
  );
}
