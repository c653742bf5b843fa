// Which folder may import which: the layers of ARCHITECTURE.md, checked by dependency-cruiser
// (`npm run lint`; tests/lint/boundaries.test.ts shows each rule failing on a bad import).
//
// From the bottom up: db/ (schema, migrations, pool) and channels/ (one adapter per platform)
// → fake-platforms/, realtime-server/ (infrastructure) → lib/ (the domain) → components/ (UI)
// → demo/, background/, launcher/ (wiring) → app/, scripts/, instrumentation.ts (entries).
// Tests and bench/ may import anything.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const testCode = ['^tests/', '\\.test\\.tsx?$'];
const tooling = ['^bench/', '^[^/]+\\.config\\.(ts|mjs|cjs|js)$'];
const wiring = 'demo|background|launcher';
const infrastructure = 'fake-platforms|realtime-server';

/** Source files under `dirs` whose text matches `pattern`, as one anchored regular expression. */
function filesMatching(dirs, pattern) {
  const found = [];
  for (const dir of dirs) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    for (const entry of fs.readdirSync(full, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      if (pattern.test(fs.readFileSync(file, 'utf8'))) found.push(path.relative(root, file).split(path.sep).join('/'));
    }
  }
  const escaped = found.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length > 0 ? `^(${escaped.join('|')})$` : '^$';
}

// lib/ modules that declare themselves server-only (`import 'server-only'`), and client components.
const serverOnly = filesMatching(['lib'], /^import 'server-only';/m);
const clientModules = filesMatching(['app', 'components'], /^['"]use client['"];/m);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import loop makes load order matter and the modules inseparable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'The import names a file or package that does not exist.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-undeclared-package',
      severity: 'error',
      comment: 'The package is not in package.json: it works only by accident of the install.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'production-not-to-dev-package',
      severity: 'error',
      comment: 'Production code must not need a devDependency (npm ci --omit=dev leaves it out).',
      from: { path: '^(app|lib|components|channels|db)/', pathNot: testCode },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },

    // The domain and the layers under it never reach up.
    {
      name: 'lib-not-to-upper-layers',
      severity: 'error',
      comment: 'lib/ is the domain: pages, UI and the wiring call it, never the other way round.',
      from: { path: '^lib/', pathNot: testCode },
      to: { path: `^(app|components|${wiring})/` },
    },
    {
      name: 'channels-stand-alone',
      severity: 'error',
      comment: 'Channel adapters only verify, parse and send: no database, no domain, no UI.',
      from: { path: '^channels/', pathNot: testCode },
      to: { path: `^(lib|db|app|components|${wiring}|${infrastructure})/` },
    },
    {
      name: 'schema-only-drizzle',
      severity: 'error',
      comment: 'db/schema describes tables: it imports drizzle-orm and other schema files only.',
      from: { path: '^db/schema/' },
      to: { pathNot: ['^db/schema/', '^node_modules/drizzle-orm/'] },
    },
    {
      name: 'db-not-to-upper-layers',
      severity: 'error',
      comment: 'db/ imports nothing above it: the pool is handed its connection string (lib/db.ts reads the configuration).',
      from: { path: '^db/' },
      to: { path: `^(lib|app|components|channels|scripts|${wiring}|${infrastructure})/` },
    },
    {
      name: 'infrastructure-stand-alone',
      severity: 'error',
      comment:
        'The embedded Pusher-protocol server and the fake platforms know nothing of the domain; they read request bodies through the one capped reader.',
      from: { path: `^(${infrastructure})/`, pathNot: testCode },
      to: { path: `^(lib|db|app|components|${wiring})/`, pathNot: '^lib/http/read-body\\.ts$' },
    },
    {
      name: 'jobs-primitives-not-to-domain',
      severity: 'error',
      comment: 'The job primitives (pg-boss, run-soon, slots) are used by the domain, so they must not import it.',
      from: { path: '^lib/jobs/' , pathNot: testCode },
      to: { path: '^(lib|db|app|components|channels)/', pathNot: '^lib/(jobs|config)/' },
    },

    // UI
    {
      name: 'components-not-to-database',
      severity: 'error',
      comment:
        'UI gets its data through lib/. Four server components still query through db/client themselves (listed here).',
      from: {
        path: '^components/',
        pathNot: [
          ...testCode,
          '^components/inbox/(conversation-panel|customer-panel|list-panel)\\.tsx$',
          '^components/notifications/notification-bell-server\\.tsx$',
        ],
      },
      to: { path: '^db/', pathNot: '^db/schema/' },
    },
    {
      name: 'components-not-to-wiring',
      severity: 'error',
      comment:
        "UI never starts or seeds anything. It may take types from there (the simulator's phone draws the demo's view of a message): a type import runs nothing.",
      from: { path: '^components/', pathNot: testCode },
      to: { path: `^(${wiring}|${infrastructure})/`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'components-not-to-server-only',
      severity: 'error',
      comment: "UI imports only the types of lib/ modules marked import 'server-only' (server components in components/ may be server-only themselves).",
      from: { path: '^components/', pathNot: testCode },
      to: { path: serverOnly, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-components-not-to-db',
      severity: 'error',
      comment: "A 'use client' module ships to the browser: it may take types from db/, never values (drizzle would ship too).",
      from: { path: clientModules },
      to: { path: '^db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'components-to-app-only-server-actions',
      severity: 'error',
      comment: 'From app/, UI imports only server actions (files named *actions.ts or under actions/).',
      from: { path: '^components/', pathNot: testCode },
      to: { path: '^app/', pathNot: '^app/.*[/-]actions(\\.ts|/[^/]+\\.ts)$' },
    },

    // The wiring: who may start what.
    {
      name: 'production-not-to-tests',
      severity: 'error',
      comment: 'Production code never imports tests/ (the channels test fakes live in tests/support/channels).',
      from: { pathNot: [...testCode, ...tooling] },
      to: { path: '^tests/' },
    },
    {
      name: 'fake-platforms-only-from-demo',
      severity: 'error',
      comment: 'The simulated Messenger/WhatsApp/LINE platforms are started by the demo and tests only.',
      from: { pathNot: ['^fake-platforms/', '^demo/', ...testCode, ...tooling] },
      to: { path: '^fake-platforms/' },
    },
    {
      name: 'demo-only-from-entries',
      severity: 'error',
      comment:
        'The demo is wired in by the launcher, instrumentation.ts and the customer simulator settings page only; anyone may take its types (a type import runs nothing).',
      from: {
        pathNot: ['^demo/', '^launcher/', '^instrumentation\\.ts$', '^app/w/[^/]+/settings/simulator/', '^scripts/', ...testCode, ...tooling],
      },
      to: { path: '^demo/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'demo-not-to-screens-or-wiring',
      severity: 'error',
      comment: 'The demo uses domain verbs, never pages, UI or the process wiring.',
      from: { path: '^demo/', pathNot: testCode },
      to: { path: '^(app|components|launcher|background)/' },
    },
    {
      name: 'background-only-from-entries',
      severity: 'error',
      comment: 'The background wiring (sweep, job workers) imports the domain; only the process entry points start it.',
      from: { pathNot: ['^background/', '^instrumentation\\.ts$', '^scripts/', ...testCode, ...tooling] },
      to: { path: '^background/' },
    },
    {
      name: 'launcher-only-from-scripts',
      severity: 'error',
      comment: 'What starts before Next is run by the launcher script only.',
      from: { pathNot: ['^launcher/', '^scripts/', ...testCode, ...tooling] },
      to: { path: '^launcher/' },
    },
    {
      name: 'nothing-imports-entry-points',
      severity: 'error',
      comment: 'scripts/, instrumentation.ts, proxy.ts and bench/ are where processes start; nothing imports them.',
      from: { pathNot: ['^scripts/', ...testCode, ...tooling] },
      to: { path: '^(scripts/|bench/|instrumentation\\.ts$|proxy\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^node_modules/', '^\\.next', '^\\.data/', '^db/migrations/', '^public/'] },
    // See `import type` too: a loop or a layer break through types is still one.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
