import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The house rule behind lib/conversations: a conversation's state (status, handler,
// assignee, team, flow) and its status lines are written there and nowhere else, so every
// change gets its version bump, status line, audit row and events the same way.

const root = path.resolve(import.meta.dirname, '../..');
const writerHome = path.join('lib', 'conversations');
// The demo seed builds a scripted history in bulk before the app first runs; it takes its
// status-line rows from the writer (statusLineValues) and writes no live change.
const seedHome = path.join('demo', 'seed');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

const files = ['app', 'background', 'channels', 'components', 'db', 'demo', 'launcher', 'lib', 'scripts']
  .flatMap(sourceFiles)
  .filter((f) => !f.startsWith(writerHome));

const stateField = /\b(status|handler|assigneeId|teamId|botState)\b\s*[:,}]/;

/** The `.set({...})` part of every `.update(conversations)` chain in a file. */
function conversationUpdates(source: string): string[] {
  const out: string[] = [];
  for (let at = source.indexOf('.update(conversations)'); at !== -1; at = source.indexOf('.update(conversations)', at + 1)) {
    const rest = source.slice(at);
    const end = rest.search(/\.where\(|\.returning\(/);
    out.push(end === -1 ? rest : rest.slice(0, end));
  }
  return out;
}

describe('one writer of conversation changes', () => {
  it('finds the code it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(path.join('lib', 'routing', 'route.ts'));
  });

  it('no status line is inserted outside lib/conversations', () => {
    const offenders = files.filter((f) => {
      const source = fs.readFileSync(path.join(root, f), 'utf8');
      return /\.insert\(messages\)/.test(source) && /kind:\s*'status'/.test(source);
    });
    expect(offenders).toEqual([]);
  });

  it('no conversation state is updated outside lib/conversations', () => {
    const offenders = files
      .filter((f) => !f.startsWith(seedHome))
      .filter((f) => conversationUpdates(fs.readFileSync(path.join(root, f), 'utf8')).some((set) => stateField.test(set)));
    expect(offenders).toEqual([]);
  });

  it('no conversation is created outside lib/conversations', () => {
    const offenders = files
      .filter((f) => !f.startsWith(seedHome))
      .filter((f) => /\.insert\(conversations\)/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check itself catches a hand-written change', () => {
    const handWritten = "await tx.update(conversations).set({ handler: 'agent', version: sql`v + 1` }).where(eq(conversations.id, id));";
    expect(conversationUpdates(handWritten).some((set) => stateField.test(set))).toBe(true);
    const metadataOnly = 'await tx.update(conversations).set({ lastMessageAt: at, version: sql`v + 1` }).where(eq(conversations.id, id));';
    expect(conversationUpdates(metadataOnly).some((set) => stateField.test(set))).toBe(false);
  });
});
