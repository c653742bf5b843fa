// The import-boundary rules (.dependency-cruiser.cjs) catch the imports they are written for:
// each case lays out a few files in a scratch folder shaped like the repo, runs
// dependency-cruiser with the repo's rules over it, and expects that rule to fire (and, for
// the allowed layout, no rule at all).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type IConfiguration, type IViolation } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const config = createRequire(import.meta.url)(path.join(repo, '.dependency-cruiser.cjs')) as IConfiguration;
// The scratch folder has no tsconfig and must not share the repo's cache.
const { tsConfig: _tsConfig, cache: _cache, ...options } = config.options ?? {};

/** A file of the repo that starts with `marker`, to copy its path into the scratch layout. */
function repoFileWith(dir: string, marker: RegExp): string {
  for (const entry of fs.readdirSync(path.join(repo, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.includes('.test.')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (marker.test(fs.readFileSync(file, 'utf8'))) return path.relative(repo, file).split(path.sep).join('/');
  }
  throw new Error(`no file in ${dir} matches ${marker}`);
}
const clientComponent = repoFileWith('components', /^'use client';/m);
const serverOnlyModule = repoFileWith('lib', /^import 'server-only';/m);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-boundaries-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

type Layout = Record<string, string>;

/** Writes `layout` into a fresh folder and returns the violations the repo's rules report. */
async function violationsOf(layout: Layout): Promise<IViolation[]> {
  const base = fs.mkdtempSync(path.join(scratch, 'case-'));
  for (const [file, text] of Object.entries(layout)) {
    fs.mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    fs.writeFileSync(path.join(base, file), text);
  }
  const roots = [...new Set(Object.keys(layout).map((f) => f.split('/')[0]))];
  const result = await cruise(roots, {
    ...options,
    baseDir: base,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  if (typeof result.output === 'string') throw new Error('expected a cruise result, got a report');
  return result.output.summary.violations;
}

/** `import { v } from '<relative path from file to target>'` with a module that exports `v`. */
function importing(from: string, to: string, kind: 'value' | 'type' = 'value'): Layout {
  let spec = path.posix.relative(path.posix.dirname(from), to).replace(/\.tsx?$/, '');
  if (!spec.startsWith('.')) spec = `./${spec}`;
  const line = kind === 'type' ? `import type { V } from '${spec}';\nexport const u: V | null = null;\n` : `import { v } from '${spec}';\nexport const u = v;\n`;
  return { [from]: line, [to]: 'export const v = 1;\nexport type V = number;\n' };
}

const bad: Array<[rule: string, layout: Layout]> = [
  ['no-circular', { 'lib/a/one.ts': "import { two } from '../b/two';\nexport const one = () => two;\n", 'lib/b/two.ts': "import { one } from '../a/one';\nexport const two = () => one;\n" }],
  ['not-to-unresolvable', { 'lib/inbox/x.ts': "import { v } from './missing';\nexport const u = v;\n" }],
  ['lib-not-to-upper-layers', importing('lib/inbox/list.ts', 'app/w/page.tsx')],
  ['lib-not-to-upper-layers', importing('lib/inbox/list.ts', 'components/inbox/row.tsx', 'type')],
  ['lib-not-to-upper-layers', importing('lib/inbox/list.ts', 'demo/seed/demo.ts')],
  ['lib-not-to-upper-layers', importing('lib/ingest/worker.ts', 'background/sweep.ts')],
  ['channels-stand-alone', importing('channels/line/parse.ts', 'lib/inbox/list.ts')],
  ['channels-stand-alone', importing('channels/line/parse.ts', 'db/client.ts')],
  ['schema-only-drizzle', importing('db/schema/users.ts', 'lib/config/index.ts')],
  ['db-not-to-upper-layers', importing('db/migrate.ts', 'lib/inbox/list.ts')],
  ['db-not-to-upper-layers', importing('db/migrate.ts', 'demo/seed/demo.ts')],
  ['db-not-to-upper-layers', importing('db/client.ts', 'lib/config/index.ts')],
  ['infrastructure-stand-alone', importing('realtime-server/index.ts', 'lib/realtime/publisher.ts')],
  ['infrastructure-stand-alone', importing('fake-platforms/index.ts', 'lib/inbox/list.ts')],
  ['jobs-primitives-not-to-domain', importing('lib/jobs/run-soon.ts', 'lib/outbox/deliver.ts')],
  ['components-not-to-database', importing('components/orders/orders-table.tsx', 'db/client.ts')],
  ['components-not-to-wiring', importing('components/settings/simulator.tsx', 'demo/simulator.ts')],
  ['components-not-to-server-only', importing('components/layout/header.tsx', serverOnlyModule)],
  ['client-components-not-to-db', importing(clientComponent, 'db/schema/channels.ts')],
  ['components-to-app-only-server-actions', importing('components/inbox/row.tsx', 'app/w/[slug]/inbox/page.tsx')],
  ['production-not-to-tests', importing('lib/inbox/list.ts', 'tests/support/world.ts')],
  ['production-not-to-tests', importing('channels/line/send.ts', 'tests/support/channels/vectors.ts')],
  ['fake-platforms-only-from-demo', importing('lib/outbox/deliver.ts', 'fake-platforms/index.ts')],
  ['demo-only-from-entries', importing('app/w/[slug]/inbox/page.tsx', 'demo/simulator.ts')],
  ['demo-not-to-screens-or-wiring', importing('demo/seed/demo.ts', 'components/ui/avatar.tsx')],
  ['background-only-from-entries', importing('lib/outbox/deliver.ts', 'background/sweep.ts')],
  ['launcher-only-from-scripts', importing('app/api/health/route.ts', 'launcher/prepare.ts')],
  ['nothing-imports-entry-points', importing('launcher/prepare.ts', 'scripts/serve.ts')],
];

describe('import boundaries', () => {
  it.each(bad)('%s fails on a bad import', async (rule, layout) => {
    const violations = await violationsOf(layout);
    expect(violations.map((v) => v.rule.name)).toContain(rule);
  });

  it('lets the layers import downwards, tests import anything, the demo use the fakes and the entries start the wiring', async () => {
    const violations = await violationsOf({
      ...importing('app/w/[slug]/inbox/page.tsx', 'lib/inbox/list.ts'),
      ...importing('components/inbox/row.tsx', 'app/w/[slug]/inbox/list-actions.ts'),
      ...importing('components/inbox/tabs.tsx', 'app/w/[slug]/actions/availability.ts'),
      ...importing(clientComponent, 'db/schema/users.ts', 'type'),
      ...importing('components/layout/header.tsx', serverOnlyModule, 'type'),
      ...importing('lib/inbox/send.ts', 'channels/line/send.ts'),
      ...importing('lib/outbox/queue.ts', 'lib/jobs/run-soon.ts'),
      ...importing('realtime-server/http-io.ts', 'lib/http/read-body.ts'),
      ...importing('demo/platforms.ts', 'fake-platforms/index.ts'),
      ...importing('demo/seed/demo-flows.ts', 'lib/flows/store.ts'),
      ...importing('instrumentation.ts', 'demo/platforms.ts'),
      ...importing('instrumentation.ts', 'background/sweep-loop.ts'),
      ...importing('app/w/[slug]/settings/simulator/page.tsx', 'demo/simulator.ts'),
      ...importing('components/settings/simulator/phone-bubble.tsx', 'demo/phone-view.ts', 'type'),
      ...importing('scripts/serve.ts', 'launcher/prepare.ts'),
      ...importing('launcher/prepare.ts', 'demo/seed/demo.ts'),
      ...importing('launcher/prepare.ts', 'realtime-server/index.ts'),
      ...importing('background/sweep.ts', 'lib/ingest/process.ts'),
      ...importing('lib/db.ts', 'lib/config/index.ts'),
      ...importing('lib/db.ts', 'db/client.ts'),
      ...importing('db/schema/contacts.ts', 'db/schema/index.ts'),
      ...importing('tests/integration/x.test.ts', 'app/api/files/route.ts'),
      ...importing('tests/support/world.ts', 'background/workers.ts'),
      ...importing('channels/line/send.test.ts', 'tests/support/channels/fake-fetch.ts'),
      ...importing('lib/inbox/list.test.ts', 'tests/support/helpers.ts'),
    });
    expect(violations).toEqual([]);
  });
});
