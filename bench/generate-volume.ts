// Fills the demo shop of the benchmark database with a big shop's history, set-based
// (insert … select … from generate_series), in a few minutes:
//   50,000 contacts (names, emails, phones, tags, custom data with an order number),
//   40,000 orders (one for four contacts in five, when the commerce tables exist),
//   100,000 identities and conversations (two channels per contact),
//   ~2,000,000 messages, with each conversation's denormalised fields (last_message_at,
//   preview, kind, customer/agent times, version, SLA) consistent with its messages,
//   and read cursors for the agents' open conversations (some unread).
//
//   npx tsx bench/generate-volume.ts            generate unless already there
//   npx tsx bench/generate-volume.ts --force    delete the generated rows and generate again
//   --contacts=N (default 50000); conversations = 2 × contacts; ~20 messages each.
//
// Ids are derived from md5('bench-…-n') (shaped as v4 UUIDs), so every figure and plan is reproducible and the
// generated rows can be found (and deleted) again. Needs the demo shop (the app seeds it on
// its first start; this script starts the app once when the workspace is missing).
import type pg from 'pg';
import { cliOption, numberOption } from './lib/env';
import { demoWorkspace, withPool } from './lib/db';
import { Report } from './lib/report';
import { pathToFileURL } from 'node:url';

const FIRST = ['Somchai', 'Nattaya', 'Anong', 'Kittisak', 'Ploy', 'Arthit', 'Mali', 'Preecha', 'Siriporn', 'Wichai', 'Ananda', 'Busaba', 'Chaiya', 'Darunee', 'Ekachai', 'Fon', 'Ganya', 'Hathai', 'Isara', 'Jintana', 'Kanya', 'Lamai', 'Montri', 'Nok', 'Orathai', 'Pim', 'Rattana', 'Sakda', 'Thida', 'Udom', 'Vanida', 'Yupin', 'Maria', 'John', 'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sofia', 'Mateo', 'Chloe', 'Leo', 'Hana', 'Kenji', 'Yuki', 'Min-jun', 'Ji-woo', 'Wei', 'Mei', 'Arjun', 'Priya', 'Omar', 'Layla', 'Ivan', 'Anya', 'Tomas'];
const LAST = ['Srisuk', 'Wongsawat', 'Chaiyaporn', 'Rattanakorn', 'Boonmee', 'Saetang', 'Phongphan', 'Kittikun', 'Thongchai', 'Jaidee', 'Suwannarat', 'Panyawong', 'Intharasombat', 'Sirisombat', 'Charoenrat', 'Smith', 'Garcia', 'Nguyen', 'Kim', 'Tanaka', 'Sato', 'Chen', 'Wang', 'Li', 'Patel', 'Singh', 'Khan', 'Müller', 'Rossi', 'Silva', 'Santos', 'Lopez', 'Martin', 'Dubois', 'Novak', 'Kowalski', 'Ivanova', 'Hansen', 'Berg', 'Larsen', 'Costa', 'Ferreira', 'Okafor', 'Mensah', 'Haddad', 'Cohen', 'Levi', 'Yilmaz', 'Demir', 'Aziz', 'Rahman', 'Hossain', 'Tan', 'Lim', 'Ng', 'Ong', 'Goh', 'Chua', 'Teo', 'Wong', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim-Wright', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf'];
const CITIES = ['Bangkok', 'Chiang Mai', 'Phuket', 'Khon Kaen', 'Hat Yai', 'Pattaya', 'Udon Thani', 'Nakhon Ratchasima', 'Surat Thani', 'Singapore', 'Kuala Lumpur', 'Jakarta'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const TAGS = ['VIP', 'Wholesale', 'Returning', 'New customer', 'Discount hunter', 'Influencer', 'Complaint', 'Refund requested', 'Preorder', 'Loyalty gold', 'Loyalty silver', 'Size S', 'Size M', 'Size L', 'Gift buyer', 'Bulk order', 'Late payer', 'Cash on delivery', 'Bank transfer', 'Credit card', 'Bangkok', 'Upcountry', 'Overseas', 'Instagram lead', 'TikTok lead', 'Facebook ad', 'Newsletter', 'Repeat buyer', 'Needs follow-up', 'Blocked courier'];
const CUSTOMER_LINES = ['Hi, is this still available?', 'How much is shipping to Chiang Mai?', 'Do you have it in size M?', 'I paid already, here is the slip', 'When will my order arrive?', 'Can I change the colour?', 'Thank you!', 'Is there a discount for 3 pieces?', 'My parcel has not arrived yet', 'Can I pay on delivery?', 'What is the tracking number?', 'The item is damaged, can I return it?', 'Do you ship overseas?', 'OK, I will take two', 'Please send me the catalogue', 'Is the black one back in stock?', 'Can you deliver tomorrow?', 'I want to cancel my order', 'Great, thanks a lot', 'What sizes do you have left?'];
const AGENT_LINES = ['Hello! Yes, it is available.', 'Shipping is 50 THB, free over 1,000 THB.', 'We have S, M and L in stock.', 'Thank you, payment received!', 'Your order ships today.', 'Sure, which colour would you like?', 'You are welcome!', 'Buy 3 and get 10% off.', 'Let me check with the courier.', 'Yes, cash on delivery is fine.', 'Here is your tracking number: TH1234567890', 'Sorry about that, we will replace it.', 'Yes, we ship worldwide.', 'Great, I have reserved two for you.'];

/**
 * A reproducible id: md5 of a label, shaped as a version-4 UUID (the app's zod schemas
 * check the version and variant digits).
 */
const uid = (label: string) => `overlay(overlay(md5(${label}) placing '4' from 13) placing '8' from 17)::uuid`;

const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

type Step = { name: string; seconds: number; rows: number };

async function timed(client: pg.PoolClient, steps: Step[], name: string, sql: string, params: unknown[] = []): Promise<number> {
  const start = performance.now();
  const result = await client.query(sql, params);
  const seconds = (performance.now() - start) / 1000;
  const rows = result.rowCount ?? 0;
  steps.push({ name, seconds, rows });
  console.log(`  ${name.padEnd(44)} ${String(rows).padStart(10)} rows  ${seconds.toFixed(1).padStart(6)} s`);
  return rows;
}

export async function alreadyGenerated(pool: pg.Pool, workspaceId: string): Promise<number> {
  const r = await pool.query<{ n: number }>(
    `select count(*)::int as n from conversations where workspace_id = $1 and id = ${uid("'bench-conv-1'")}`,
    [workspaceId],
  );
  if (r.rows[0].n === 0) return 0;
  const c = await pool.query<{ n: number }>(`select count(*)::int as n from conversations where workspace_id = $1`, [workspaceId]);
  return c.rows[0].n;
}

async function deleteGenerated(client: pg.PoolClient, workspaceId: string, steps: Step[]): Promise<void> {
  // Generated contacts are the ones whose id is uid('bench-contact-<n>'). Conversations and
  // messages go with them (on delete cascade); deleting the messages first, set-based, is
  // much faster than the per-row cascade.
  await client.query(`drop table if exists bench_gen_ids`);
  await client.query(
    `create temp table bench_gen_ids as
     select c.id from contacts c join (select ${uid("'bench-contact-' || g")} as id from generate_series(1, 1000000) g) x on x.id = c.id
      where c.workspace_id = $1`,
    [workspaceId],
  );
  await timed(
    client,
    steps,
    'delete generated messages',
    `delete from messages m using conversations c
      where c.id = m.conversation_id and c.workspace_id = $1 and c.contact_id in (select id from bench_gen_ids)`,
    [workspaceId],
  );
  if ((await client.query(`select to_regclass('public.orders') is not null as ok`)).rows[0].ok) {
    await timed(client, steps, 'delete generated orders', `delete from orders where contact_id in (select id from bench_gen_ids)`);
  }
  await timed(client, steps, 'delete generated contacts (cascade)', `delete from contacts where id in (select id from bench_gen_ids)`);
  await client.query(`drop table bench_gen_ids`);
}

export async function generateVolume(options: { contacts: number; force: boolean }): Promise<Report> {
  const report = new Report('generate-volume');
  report.header(`${options.contacts.toLocaleString('en')} contacts, ${(options.contacts * 2).toLocaleString('en')} conversations, ~${(options.contacts * 40).toLocaleString('en')} messages`);

  const ensureSeeded = async () => {
    const ok = await withPool(async (pool) => {
      const r = await pool.query(`select to_regclass('public.workspaces') is not null as ok`);
      if (!r.rows[0].ok) return false;
      return (await pool.query(`select 1 from workspaces where slug = $1`, [process.env.BENCH_WORKSPACE_SLUG ?? 'demo-shop'])).rowCount === 1;
    });
    if (ok) return;
    console.log('[bench] the demo shop is not there yet: starting the app once to migrate and seed it');
    const { useApp } = await import('./lib/app');
    const app = await useApp();
    await app.stop();
  };
  await ensureSeeded();

  await withPool(async (pool) => {
    const ws = await demoWorkspace(pool);
    const existing = await alreadyGenerated(pool, ws.id);
    const client = await pool.connect();
    const steps: Step[] = [];
    const started = performance.now();
    try {
      if (existing && !options.force) {
        console.log(`Already generated: the workspace has ${existing.toLocaleString('en')} conversations (use --force to regenerate).`);
      } else {
        await client.query(`set synchronous_commit = off`);
        await client.query(`set maintenance_work_mem = '256MB'`);
        await client.query(`set work_mem = '64MB'`);
        if (existing) await deleteGenerated(client, ws.id, steps);
        await fill(client, ws, options.contacts, steps);
        if (existing) {
          // The deleted generation leaves dead rows behind: clear them so plans and timings match a fresh load.
          for (const table of ['messages', 'conversations', 'contacts', 'contact_identities', 'contact_tags', 'read_cursors']) {
            await timed(client, steps, `vacuum ${table}`, `vacuum (analyze) ${table}`);
          }
        }
      }
      const counts = await client.query(
        `select (select count(*) from contacts where workspace_id = $1)::int as contacts,
                (select count(*) from conversations where workspace_id = $1)::int as conversations,
                (select count(*) from conversations where workspace_id = $1 and status = 'open')::int as open,
                (select count(*) from messages where workspace_id = $1)::int as messages,
                (select count(*) from contact_tags ct join contacts c on c.id = ct.contact_id where c.workspace_id = $1)::int as tags,
                pg_size_pretty(pg_database_size(current_database())) as size`,
        [ws.id],
      );
      const c = counts.rows[0];
      console.log(`\nworkspace ${ws.slug}: ${c.contacts} contacts, ${c.conversations} conversations (${c.open} open), ${c.messages} messages, ${c.tags} contact tags; database ${c.size}`);
      const seconds = (performance.now() - started) / 1000;
      if (steps.length) report.add({ name: 'generation time', value: seconds, unit: 's', note: 'set-based SQL, synchronous_commit off' });
      report.add({ name: 'contacts', value: c.contacts, unit: '' });
      report.add({ name: 'conversations', value: c.conversations, unit: '', budget: { op: '>=', value: options.contacts * 2 } });
      report.add({ name: 'messages', value: c.messages, unit: '', budget: { op: '>=', value: options.contacts * 40 * 0.95 } });
      report.details = { steps, counts: c };
    } finally {
      client.release();
    }
  });
  report.finish();
  return report;
}

/** The state of a bot conversation: waiting in the first step of the shop's oldest flow (when flows exist). */
async function botState(client: pg.PoolClient, workspaceId: string): Promise<Record<string, unknown>> {
  const has = (await client.query(`select to_regclass('public.flows') is not null as ok`)).rows[0].ok as boolean;
  const flow = has
    ? (
        await client.query<{ id: string; version: number; start: string }>(
          `select f.id, f.current_version as version, fv.definition->>'start' as start
             from flows f join flow_versions fv on fv.flow_id = f.id and fv.version = f.current_version
            where f.workspace_id = $1 and f.enabled order by f.created_at limit 1`,
          [workspaceId],
        )
      ).rows[0]
    : undefined;
  return { flowId: flow?.id ?? 'bench-flow', flowVersion: flow?.version ?? 1, stepId: flow?.start ?? 'start', variables: {}, paused: false };
}

async function fill(client: pg.PoolClient, ws: Awaited<ReturnType<typeof demoWorkspace>>, contacts: number, steps: Step[]): Promise<void> {
  const channelIds = ws.channels.map((c) => c.id);
  const kinds = ws.channels.map((c) => c.kind);
  if (channelIds.length < 2) throw new Error('The demo shop needs at least two channels');
  const staff = ws.staff.map((s) => s.id);
  const teams = (await client.query<{ id: string }>(`select id from teams where workspace_id = $1 order by name`, [ws.id])).rows.map((r) => r.id);
  const nch = channelIds.length;
  const p = { ws: ws.id };

  // Tags: the shop's own plus the generated ones (names unique per workspace, case-insensitively).
  await timed(
    client,
    steps,
    'tags',
    `insert into tags (workspace_id, name, color)
     select $1::uuid, t, (array['slate','red','amber','green','blue','violet'])[1 + (i % 6)]
       from unnest(${sqlArray(TAGS)}) with ordinality as u(t, i)
     on conflict do nothing`,
    [p.ws],
  );

  await timed(
    client,
    steps,
    'contacts',
    `with a as (select ${sqlArray(FIRST)} as fn, ${sqlArray(LAST)} as ln, ${sqlArray(CITIES)} as city, ${sqlArray(SIZES)} as size)
     insert into contacts (id, workspace_id, name, email, phone, custom_data, created_at, updated_at)
     select ${uid("'bench-contact-' || g")}, $1::uuid,
            fn[1 + g % array_length(fn, 1)] || ' ' || ln[1 + (g / array_length(fn, 1)) % array_length(ln, 1)],
            case when g % 5 < 3 then lower(replace(fn[1 + g % array_length(fn, 1)], '-', '')) || '.' || lower(ln[1 + (g / array_length(fn, 1)) % array_length(ln, 1)]) || g || '@bench.example' end,
            case when g % 10 < 7 then '+66 8' || (g % 10) || ' ' || lpad(((g * 7) % 1000)::text, 3, '0') || ' ' || lpad((g % 10000)::text, 4, '0') end,
            case when g % 5 < 4 then jsonb_build_object('City', city[1 + g % array_length(city, 1)], 'Size', size[1 + (g / 7) % 5], 'Last order', '#' || (100000 + g)) else '{}'::jsonb end,
            now() - make_interval(days => 30 + g % 700), now() - make_interval(days => g % 30)
       from a, generate_series(1, $2::int) g`,
    [p.ws, contacts],
  );

  // Tag t (0-based) goes to about one contact in 4 + 3t: a few broad tags, many narrow ones.
  await timed(
    client,
    steps,
    'contact tags',
    `with tg as (
       select t.id, u.i - 1 as t
         from unnest(${sqlArray(TAGS)}) with ordinality as u(name, i)
         join tags t on t.workspace_id = $1 and lower(t.name) = lower(u.name))
     insert into contact_tags (contact_id, tag_id, created_at)
     select ${uid("'bench-contact-' || g")}, tg.id, now() - make_interval(days => g % 300)
       from generate_series(1, $2::int) g
       join tg on ((g::bigint * 2654435761) % (4 + 3 * tg.t)) = (tg.t % (4 + 3 * tg.t))`,
    [p.ws, contacts],
  );

  // Two identities per contact, on two different channels, in each platform's id format.
  await timed(
    client,
    steps,
    'contact identities',
    `insert into contact_identities (id, workspace_id, contact_id, channel_id, external_id, profile, created_at)
     select ${uid("'bench-ident-' || g || '-' || j")}, $1::uuid, ${uid("'bench-contact-' || g")},
            ($3::uuid[])[1 + (g + j) % $4::int],
            case ($5::text[])[1 + (g + j) % $4::int]
              when 'facebook' then '9' || lpad(g::text, 15, '0')
              when 'whatsapp' then '669' || lpad(g::text, 8, '0')
              when 'line' then 'U' || md5('bench-line-' || g)
              else 'v_' || substr(md5('bench-web-' || g), 1, 20) end,
            jsonb_build_object('name', c.name),
            c.created_at
       from generate_series(1, $2::int) g
       cross join generate_series(0, 1) j
       join contacts c on c.id = ${uid("'bench-contact-' || g")}`,
    [p.ws, contacts, channelIds, nch, kinds],
  );

  // Conversation n = 2(g-1)+j+1 of contact g on channel (g+j) mod channels. 20% open
  // (5% bot, 5% requests, 10% assigned round-robin to the staff), 80% resolved; open ones
  // are from the last week, resolved ones spread over 180 days (more of them recent).
  // Message count m = 5 + (7919 n mod 31): 5..35, 20 on average. Message k is inbound when
  // m - k is even, so the last one is always the customer's.
  await client.query(`drop table if exists bench_conv_plan`);
  await timed(
    client,
    steps,
    'conversation plan (temp)',
    `create temp table bench_conv_plan as
     select n, g, j, m, h, ch, handler, status, assignee, team, lma, created,
            lma - (lma - created) / greatest(m - 1, 1) as prev_at
       from (
         select n, g, j, m, h, ch,
                case when h >= 20 then 'agent' when h < 5 then 'bot' when h < 10 then 'queue' else 'agent' end as handler,
                case when h >= 20 then 'resolved' else 'open' end as status,
                case when h >= 10 then ($3::uuid[])[1 + n % $4::int] end as assignee,
                case when h between 5 and 9 and n % 3 = 0 then ($5::uuid[])[1 + n % greatest($6::int, 1)] end as team,
                lma, lma - make_interval(mins => 10 + (n * 13) % 2000) as created
           from (
             select n, g, j, 5 + (n * 7919) % 31 as m, ((n::bigint * 2654435761) % 100)::int as h,
                    ($2::uuid[])[1 + (g + j) % $7::int] as ch,
                    case when ((n::bigint * 2654435761) % 100) < 20
                      then date_trunc('milliseconds', now() - make_interval(secs => ((n::bigint * 40503) % 100000) / 100000.0 * 7 * 86400))
                      else date_trunc('milliseconds', now() - make_interval(secs => 3600 + power(((n::bigint * 40503) % 100000) / 100000.0, 2) * 180 * 86400)) end as lma
               from (select 2 * (g - 1) + j + 1 as n, g, j from generate_series(1, $1::int) g cross join generate_series(0, 1) j) s
           ) s2
       ) s3`,
    [contacts, channelIds, staff, staff.length, teams.length ? teams : [null], teams.length, nch],
  );
  await client.query(`alter table bench_conv_plan add primary key (n)`);
  await client.query(`analyze bench_conv_plan`);

  await timed(
    client,
    steps,
    'conversations',
    `insert into conversations (id, workspace_id, contact_id, channel_id, status, handler, assignee_id, team_id, bot_state,
                                follow_up, version, last_message_at, last_message_preview, last_message_kind,
                                last_customer_message_at, last_agent_message_at, sla_due_at, assigned_at, resolved_at,
                                resolved_by_id, created_at, updated_at)
     select ${uid("'bench-conv-' || n")}, $1::uuid, ${uid("'bench-contact-' || g")}, ch, status, handler, assignee, team,
            case when handler = 'bot' then $3::jsonb end,
            n % 31 = 0, m + 3, lma,
            left(($2::text[])[1 + (n * 31 + m * 7) % array_length($2::text[], 1)], 200), 'text',
            lma, prev_at,
            case when status = 'open' and handler <> 'bot' and n % 2 = 0 then lma + interval '30 minutes' end,
            case when assignee is not null then created + interval '2 minutes' end,
            case when status = 'resolved' then lma + interval '5 minutes' end,
            case when status = 'resolved' then assignee end,
            created, lma
       from bench_conv_plan`,
    [p.ws, CUSTOMER_LINES, JSON.stringify(await botState(client, ws.id))],
  );

  // Messages in chunks, so progress shows and each statement stays a few hundred thousand rows.
  const chunk = 10_000;
  const total = contacts * 2;
  let inserted = 0;
  const start = performance.now();
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    const r = await client.query(
      `insert into messages (workspace_id, conversation_id, channel_id, direction, sender_kind, sender_user_id, kind, body,
                             external_id, status, created_at, sent_at, delivered_at, read_at)
       select $1::uuid, ${uid("'bench-conv-' || p.n")}, p.ch,
              case when (p.m - k) % 2 = 0 then 'inbound' else 'outbound' end,
              case when (p.m - k) % 2 = 0 then 'customer' when p.handler = 'bot' or k < 3 then 'bot' else 'agent' end,
              case when (p.m - k) % 2 = 1 and p.handler <> 'bot' and k >= 3 then p.assignee end,
              'text',
              case when (p.m - k) % 2 = 0
                then ($4::text[])[1 + (p.n * 31 + k * 7) % array_length($4::text[], 1)]
                else ($5::text[])[1 + (p.n * 17 + k * 5) % array_length($5::text[], 1)] end,
              case when (p.m - k) % 2 = 0 then 'bench-in-' else 'bench-out-' end || p.n || '-' || k,
              case when (p.m - k) % 2 = 0 then 'received' else 'read' end,
              t.at,
              case when (p.m - k) % 2 = 1 then t.at end,
              case when (p.m - k) % 2 = 1 then t.at + interval '2 seconds' end,
              case when (p.m - k) % 2 = 1 then t.at + interval '1 minute' end
         from bench_conv_plan p
         cross join lateral generate_series(1, p.m) k
         cross join lateral (select case when k = p.m then p.lma else p.created + (p.lma - p.created) * (k - 1) / greatest(p.m - 1, 1) end as at) t
        where p.n between $2 and $3
        order by t.at`,
      [p.ws, from, to, CUSTOMER_LINES, AGENT_LINES],
    );
    inserted += r.rowCount ?? 0;
    const secs = (performance.now() - start) / 1000;
    process.stdout.write(`\r  messages ${inserted.toLocaleString('en').padStart(12)} (${Math.round(inserted / secs).toLocaleString('en')}/s)   `);
  }
  const secs = (performance.now() - start) / 1000;
  process.stdout.write('\n');
  steps.push({ name: 'messages', seconds: secs, rows: inserted });

  // Orders (when the commerce tables exist): four in five contacts have bought once, from one
  // of their conversations; numbers come from the orders' own global sequence.
  const hasOrders = (await client.query(`select to_regclass('public.orders') is not null as ok`)).rows[0].ok as boolean;
  if (hasOrders) {
    await timed(
      client,
      steps,
      'orders',
      `insert into orders (workspace_id, contact_id, conversation_id, status, total_minor, currency, notes, created_at, updated_at)
       select $1::uuid, ${uid("'bench-contact-' || p.g")}, ${uid("'bench-conv-' || p.n")},
              (array['pending_payment','paid','shipped','delivered','cancelled'])[1 + p.n % 5],
              (290 + (p.n * 37) % 5000) * 100, 'THB', null, p.created, p.lma
         from bench_conv_plan p
        where p.j = 0 and p.g % 5 < 4
        order by p.created`,
      [p.ws],
    );
  }

  // The assignee has read up to the message before the last in a third of their open
  // conversations (one unread), everything in the rest.
  await timed(
    client,
    steps,
    'read cursors',
    `insert into read_cursors (conversation_id, user_id, last_read_at)
     select ${uid("'bench-conv-' || n")}, assignee, case when n % 3 = 0 then prev_at else lma end
       from bench_conv_plan where status = 'open' and assignee is not null
     on conflict do nothing`,
  );
  await client.query(`drop table bench_conv_plan`);
  for (const table of ['contacts', 'contact_identities', 'tags', 'contact_tags', 'conversations', 'messages', 'read_cursors', ...(hasOrders ? ['orders'] : [])]) {
    await timed(client, steps, `analyze ${table}`, `analyze ${table}`);
  }
}

async function main() {
  const contacts = numberOption('contacts', 50_000);
  await generateVolume({ contacts, force: cliOption('force') === 'true' });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
