import { describe, expect, it } from 'vitest';
import { checkPublicHttpUrl, linkify } from './links';

const links = (text: string) => linkify(text).filter((s) => s.type === 'link').map((s) => (s.type === 'link' ? s.href : ''));

describe('linkify', () => {
  it('splits text and http(s) links, keeping every character', () => {
    const text = 'Track it at https://shop.example/track?id=1042 or http://example.com/a.';
    const segments = linkify(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toEqual([
      { type: 'text', text: 'Track it at ' },
      { type: 'link', text: 'https://shop.example/track?id=1042', href: 'https://shop.example/track?id=1042' },
      { type: 'text', text: ' or ' },
      { type: 'link', text: 'http://example.com/a', href: 'http://example.com/a' },
      { type: 'text', text: '.' },
    ]);
  });

  it('trims trailing punctuation but keeps balanced parentheses', () => {
    expect(links('(see https://example.com/x), ok')).toEqual(['https://example.com/x']);
    expect(links('https://en.wikipedia.org/wiki/Bangkok_(city) is nice')).toEqual(['https://en.wikipedia.org/wiki/Bangkok_(city)']);
    expect(links('Really? https://example.com!!')).toEqual(['https://example.com/']);
  });

  it('never links other schemes or markup', () => {
    expect(links('javascript:alert(1) data:text/html,<b>x</b> ftp://example.com')).toEqual([]);
    // Markup is text: only the URL inside it becomes a link, stopping at the quote.
    expect(linkify('<a href="https://x.example">')).toEqual([
      { type: 'text', text: '<a href="' },
      { type: 'link', text: 'https://x.example', href: 'https://x.example/' },
      { type: 'text', text: '">' },
    ]);
    expect(links('xhttps://example.com')).toEqual([]);
    expect(links('http:// nothing')).toEqual([]);
  });

  it('returns the text alone when it has no links', () => {
    expect(linkify('No links here')).toEqual([{ type: 'text', text: 'No links here' }]);
    expect(linkify('')).toEqual([{ type: 'text', text: '' }]);
  });

  it('handles links at both ends and several in a row', () => {
    expect(links('https://a.example https://b.example\nhttps://c.example')).toEqual(['https://a.example/', 'https://b.example/', 'https://c.example/']);
  });
});

describe('checkPublicHttpUrl', () => {
  it('accepts public http(s) URLs', () => {
    expect(checkPublicHttpUrl('https://cdn.shop.example/p/1.jpg')).toEqual({ ok: true, url: 'https://cdn.shop.example/p/1.jpg' });
    expect(checkPublicHttpUrl(' http://93.184.216.34/a.png ').ok).toBe(true);
  });

  it.each([
    'ftp://example.com/a.jpg',
    'javascript:alert(1)',
    'not a url',
    'http://localhost:3000/api/files/1',
    'http://127.0.0.1/a.jpg',
    'http://10.0.0.5/a.jpg',
    'http://192.168.1.10/a.jpg',
    'http://172.20.0.1/a.jpg',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/a.jpg',
    'http://[fd00::1]/a.jpg',
    'http://intranet/a.jpg',
    'https://user:pass@example.com/a.jpg',
    'https://printer.local/a.jpg',
  ])('refuses %s', (url) => {
    expect(checkPublicHttpUrl(url).ok).toBe(false);
  });
});
