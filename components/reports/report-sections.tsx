import type { ReactNode } from 'react';
import type { Reports } from '@/lib/reports';
import { handOffReasonLabel } from '@/lib/reports/bot';
import { formatDuration, money, percent, WEEKDAY_NAMES } from '@/lib/reports/format';
import { CsvButton } from './csv-button';
import { ChannelChart, SlaChart } from './lazy-charts';

// The Reports page's sections: server-rendered figures and tables, each with its CSV; the
// two charts are client components fetched lazily.

function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title} className="min-w-0 rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        <div className="flex flex-wrap gap-2">{actions}</div>
      </div>
      {children}
    </section>
  );
}

function Figure({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="min-w-0 rounded-md bg-slate-50 px-3 py-2">
      <p className="text-xs text-slate-500">{label}</p>
      <p className="text-lg font-semibold" data-figure={label}>
        {typeof value === 'number' ? value.toLocaleString('en') : value}
      </p>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">Nothing in this range.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-500">
            {head.map((h) => (
              <th key={h} scope="col" className="whitespace-nowrap px-2 py-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-100 last:border-0">
              {r.map((cell, j) => (
                <td key={j} className="px-2 py-1">
                  {typeof cell === 'number' ? cell.toLocaleString('en') : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const grid = 'grid grid-cols-2 gap-2 sm:grid-cols-4';

export function ConversationsSection({ r, file }: { r: Reports; file: (name: string) => string }) {
  const c = r.conversations;
  const channelRows = c.byChannel.map((x) => [x.name, x.kind, x.opened, x.resolved]);
  const max = Math.max(1, ...c.heatmap.map((h) => h.messages));
  const cell = new Map(c.heatmap.map((h) => [`${h.weekday}-${h.hour}`, h.messages]));
  return (
    <Section
      title="Conversations"
      actions={
        <>
          <CsvButton label="conversations by channel" filename={file('by-channel')} header={['channel', 'kind', 'opened', 'resolved']} rows={channelRows} />
          <CsvButton label="customer messages by hour" filename={file('by-hour')} header={['weekday', 'hour', 'customer_messages']} rows={c.heatmap.map((h) => [WEEKDAY_NAMES[h.weekday - 1], h.hour, h.messages])} />
        </>
      }
    >
      <div className={grid}>
        <Figure label="Opened" value={c.opened} />
        <Figure label="Resolved" value={c.resolved} />
        <Figure label="Reopened" value={c.reopened} hint="customer came back" />
      </div>
      {c.byChannel.length > 0 && (
        <div className="mt-3">
          <ChannelChart data={c.byChannel.map((x) => ({ name: x.name, opened: x.opened, resolved: x.resolved }))} />
        </div>
      )}
      <h3 className="mb-1 mt-3 text-sm font-medium">When customers write</h3>
      <div className="overflow-x-auto">
        <table className="text-[10px]" aria-label="Customer messages by weekday and hour">
          <thead>
            <tr>
              <th scope="col" />
              {Array.from({ length: 24 }, (_, h) => (
                <th key={h} scope="col" className="w-5 font-normal text-slate-400">
                  {h % 3 === 0 ? h : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAY_NAMES.map((name, d) => (
              <tr key={name}>
                <th scope="row" className="pr-1 text-left font-normal text-slate-500">
                  {name}
                </th>
                {Array.from({ length: 24 }, (_, h) => {
                  const n = cell.get(`${d + 1}-${h}`) ?? 0;
                  return (
                    <td key={h} title={`${name} ${h}:00 — ${n} messages`} className="h-4 w-5 border border-white" style={{ backgroundColor: n ? `rgba(79, 70, 229, ${0.15 + (0.85 * n) / max})` : '#f1f5f9' }}>
                      <span className="sr-only">{n}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

export function ResponseSection({ r, file }: { r: Reports; file: (name: string) => string }) {
  const t = r.responseTimes;
  const kind = (k: string) => k.replace(/_/g, ' ');
  return (
    <Section
      title="Response times and SLA"
      actions={
        <>
          <CsvButton
            label="response times"
            filename={file('response-times')}
            header={['measure', 'conversations', 'median_seconds', 'p90_seconds', 'business_hours']}
            rows={[
              ['first_response', t.firstResponse.count, t.firstResponse.medianSeconds ?? '', t.firstResponse.p90Seconds ?? '', String(t.businessHours)],
              ['resolution', t.resolution.count, t.resolution.medianSeconds ?? '', t.resolution.p90Seconds ?? '', String(t.businessHours)],
            ]}
          />
          <CsvButton label="SLA per rule" filename={file('sla')} header={['rule', 'target', 'achieved', 'breached', 'pending']} rows={t.sla.map((s) => [s.rule, s.kind, s.achieved, s.breached, s.pending])} />
        </>
      }
    >
      <div className={grid}>
        <Figure label="First response, median" value={formatDuration(t.firstResponse.medianSeconds)} hint={`p90 ${formatDuration(t.firstResponse.p90Seconds)}`} />
        <Figure label="Resolution, median" value={formatDuration(t.resolution.medianSeconds)} hint={`p90 ${formatDuration(t.resolution.p90Seconds)}`} />
      </div>
      <p className="mt-1 text-xs text-slate-500">{t.businessHours ? 'Counted in business hours only.' : 'Counted on the clock.'}</p>
      {t.sla.length > 0 && (
        <div className="mt-3">
          <SlaChart data={t.sla.map((s) => ({ label: `${s.rule} · ${kind(s.kind)}`, achieved: s.achieved, breached: s.breached, pending: s.pending }))} />
        </div>
      )}
      <Table caption="SLA per rule" head={['Rule', 'Target', 'Achieved', 'Breached', 'Pending']} rows={t.sla.map((s) => [s.rule, kind(s.kind), s.achieved, s.breached, s.pending])} />
    </Section>
  );
}

export function AgentsSection({ r, file }: { r: Reports; file: (name: string) => string }) {
  const rows = r.agents.map((a) => [a.name, a.handled, a.replies, formatDuration(a.medianFirstResponseSeconds), formatDuration(a.onlineSeconds)]);
  return (
    <Section
      title="Agents"
      actions={
        <CsvButton
          label="agents"
          filename={file('agents')}
          header={['agent', 'conversations_handled', 'replies', 'median_first_response_seconds', 'online_seconds']}
          rows={r.agents.map((a) => [a.name, a.handled, a.replies, a.medianFirstResponseSeconds ?? '', a.onlineSeconds])}
        />
      }
    >
      <Table caption="Agents" head={['Agent', 'Handled', 'Replies', 'Median first response', 'Online']} rows={rows} />
    </Section>
  );
}

export function BotSection({ r, file }: { r: Reports; file: (name: string) => string }) {
  const b = r.bot;
  const rows = b.handOffSteps.map((s) => [s.flow, s.step, handOffReasonLabel(s.reason), s.count]);
  return (
    <Section
      title="Bot"
      actions={
        <>
          <CsvButton
            label="bot figures"
            filename={file('bot')}
            header={['bot_conversations', 'fully_by_bot', 'handed_off', 'flow_completed']}
            rows={[[b.botConversations, b.fullyByBot, b.handedOff, b.completed]]}
          />
          <CsvButton label="hand-off steps" filename={file('hand-off-steps')} header={['flow', 'step', 'reason', 'hand_offs']} rows={b.handOffSteps.map((s) => [s.flow, s.stepId ?? '', s.reason, s.count])} />
        </>
      }
    >
      <div className={grid}>
        <Figure label="With the bot" value={b.botConversations} />
        <Figure label="Handled by the bot alone" value={b.fullyByBot} hint={percent(b.fullyByBot, b.botConversations)} />
        <Figure label="Hand-off rate" value={percent(b.handedOff, b.botConversations)} hint={`${b.handedOff.toLocaleString('en')} handed off`} />
        <Figure label="Flow completion" value={percent(b.completed, b.botConversations)} />
      </div>
      <h3 className="mb-1 mt-3 text-sm font-medium">Where customers asked for a person</h3>
      <Table caption="Hand-offs by flow step" head={['Flow', 'Step', 'Why', 'Hand-offs']} rows={rows} />
    </Section>
  );
}

export function SalesSection({ r, file }: { r: Reports; file: (name: string) => string }) {
  const s = r.sales;
  const source = (x: string) => (x === 'agent' ? 'Agent' : x === 'flow' ? 'Checkout flow' : 'Other');
  return (
    <Section
      title="Sales from chat"
      actions={
        <>
          <CsvButton label="orders" filename={file('orders')} header={['source', 'currency', 'orders', 'cancelled', 'revenue_minor']} rows={s.orders.map((o) => [o.source, o.currency, o.orders, o.cancelled, o.revenueMinor])} />
          <CsvButton label="shared products" filename={file('shared-products')} header={['product', 'shared', 'bought']} rows={s.sharedProducts.map((p) => [p.name, p.shared, p.bought])} />
        </>
      }
    >
      <div className={grid}>
        {s.revenue.length === 0 && <Figure label="Revenue" value="—" />}
        {s.revenue.map((x) => (
          <Figure key={x.currency} label={`Revenue ${x.currency}`} value={money(x.revenueMinor, x.currency)} hint={`${x.orders.toLocaleString('en')} orders`} />
        ))}
      </div>
      <Table caption="Orders by source" head={['Created by', 'Currency', 'Orders', 'Cancelled', 'Revenue']} rows={s.orders.map((o) => [source(o.source), o.currency, o.orders, o.cancelled, money(o.revenueMinor, o.currency)])} />
      <h3 className="mb-1 mt-3 text-sm font-medium">Shared products</h3>
      <Table caption="Shared products and purchases" head={['Product', 'Shared', 'Bought', 'Conversion']} rows={s.sharedProducts.map((p) => [p.name, p.shared, p.bought, percent(p.bought, p.shared)])} />
    </Section>
  );
}

export function CsatSection({ r, file }: { r: Reports; file: (name: string) => string }) {
  const c = r.csat;
  return (
    <Section
      title="Customer satisfaction"
      actions={<CsvButton label="satisfaction ratings" filename={file('satisfaction')} header={['rating', 'responses']} rows={c.distribution.map((d) => [d.rating, d.count])} />}
    >
      <div className={grid}>
        <Figure label="Ratings" value={c.responses} hint="After an agent resolved a website chat" />
        <Figure label="Average rating" value={c.average === null ? '—' : `${c.average.toFixed(1)} / 5`} />
      </div>
      <Table caption="Ratings from 1 to 5" head={['Rating', 'Responses', 'Share']} rows={c.responses ? c.distribution.map((d) => [`${d.rating} of 5`, d.count, percent(d.count, c.responses)]) : []} />
    </Section>
  );
}
