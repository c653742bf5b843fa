import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on 127.0.0.1 for the tests (the `smtp-server` package): it accepts
// every message, keeps it parsed (mailparser), and checks the login when one is set. Plain
// SMTP without STARTTLS, as a local relay would be; the app must be allowed to reach it
// (BATON_FETCH_ALLOW_HOSTS), like every local fake.

export type ReceivedEmail = {
  /** The envelope's sender and recipients, as the client said them. */
  envelope: { from: string; to: string[] };
  /** Who logged in, or null without a login. */
  user: string | null;
  parsed: ParsedMail;
};

export type TestSmtpServer = {
  host: string;
  port: number;
  received: ReceivedEmail[];
  /** Resolves with the first received email `match` accepts (checked as they arrive). */
  waitFor(match: (email: ReceivedEmail) => boolean, timeoutMs?: number): Promise<ReceivedEmail>;
  close(): Promise<void>;
};

export async function startSmtpServer(options: { port?: number; user?: string; password?: string } = {}): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const waiters: { match: (e: ReceivedEmail) => boolean; resolve: (e: ReceivedEmail) => void }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !options.user,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) return callback(null, { user: auth.username });
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const email: ReceivedEmail = {
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            user: typeof session.user === 'string' ? session.user : null,
            parsed,
          };
          received.push(email);
          for (const w of [...waiters]) {
            if (w.match(email)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(email);
            }
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    received,
    waitFor(match, timeoutMs = 20_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (e: ReceivedEmail) => (clearTimeout(timer), resolve(e)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No matching email within ${timeoutMs} ms (received ${received.length})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
