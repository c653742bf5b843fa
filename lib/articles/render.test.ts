import { describe, expect, it } from 'vitest';
import { articlePlainText, excerptOf, renderArticleHtml } from './render';

describe('renderArticleHtml', () => {
  it('renders Markdown', () => {
    const html = renderArticleHtml('# Returns\n\nSend it back within **30 days**.\n\n- one\n- two');
    expect(html).toContain('<h1>Returns</h1>');
    expect(html).toContain('<strong>30 days</strong>');
    expect(html).toContain('<li>one</li>');
  });

  it('drops raw HTML in the Markdown, scripts included, not even keeping it as text', () => {
    const html = renderArticleHtml('Hello\n\n<script>alert(1)</script>\n\n<div onclick="x()">box</div>\n\nInline <b>bold</b> and <iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|alert\(1\)|<div|onclick|<iframe|<b>/);
    expect(html).toContain('Hello');
    expect(html).toContain('bold');
  });

  it('removes javascript: and data: links and keeps web links with rel="noopener nofollow ugc"', () => {
    const html = renderArticleHtml('[bad](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://shop.example/returns)');
    expect(html).not.toMatch(/javascript:|data:text/);
    expect(html).toContain('<a href="https://shop.example/returns" target="_blank" rel="noopener nofollow ugc">ok</a>');
  });

  it('turns pictures into links, so the page loads nothing from elsewhere', () => {
    const html = renderArticleHtml('![Size chart](https://cdn.example/chart.png) ![x](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).toContain('<a href="https://cdn.example/chart.png" target="_blank" rel="noopener nofollow ugc">Size chart</a>');
    expect(html).not.toContain('javascript:');
  });

  it('escapes text that looks like HTML inside code', () => {
    expect(renderArticleHtml('`<script>`')).toContain('<code>&lt;script&gt;</code>');
  });
});

describe('excerpts', () => {
  it('uses the plain text of the body when no summary was written', () => {
    expect(articlePlainText('# Title\n\nSome **bold** <b>x</b> text')).toBe('Title Some bold x text');
    expect(excerptOf('', 'word '.repeat(100), 40)).toMatch(/…$/);
    expect(excerptOf('  Own summary ', 'body')).toBe('Own summary');
  });
});
