import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LocalTime, TimeZoneProvider } from './time-zone';

// The server's render: it must show the zone the server knows (so the browser hydrates the
// very same text), and nothing rather than a wrong time when it knows none yet.
const at = '2026-05-02T04:00:05.000Z';
const render = (zones: { profile: string | null; browser: string | null; shop: string }, format?: 'date' | 'datetime') =>
  renderToString(
    <TimeZoneProvider zones={zones}>
      <LocalTime value={at} format={format} />
    </TimeZoneProvider>,
  );

describe('LocalTime on the server', () => {
  it('uses the profile’s zone first', () => {
    const html = render({ profile: 'Asia/Tokyo', browser: 'America/Los_Angeles', shop: 'Asia/Bangkok' });
    expect(html).toContain('>2 May 2026, 13:00</time>');
    expect(html).toContain('dateTime="2026-05-02T04:00:05.000Z"');
    expect(html).toContain('title="Sat 2 May 2026, 13:00:05 GMT+09:00"');
  });

  it('else the zone the browser reported in its cookie', () => {
    expect(render({ profile: null, browser: 'America/Los_Angeles', shop: 'Asia/Bangkok' }, 'date')).toContain('>1 May 2026</time>');
  });

  it('else nothing until the browser knows its own zone (never the shop’s time passed off as the agent’s)', () => {
    const html = render({ profile: null, browser: null, shop: 'Asia/Bangkok' });
    expect(html).toMatch(/<time dateTime="2026-05-02T04:00:05.000Z"><\/time>/);
  });
});
