import 'server-only';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// The one place Markdown becomes HTML, and the only HTML Baton renders (the help centre's
// articles and the editor's preview). Two locks: the Markdown renderer drops raw HTML
// outright (a `<div>` or `<script>` in the source never reaches the output, not even as
// text), and the result then goes through an allowlist sanitiser, so whatever the parser
// lets through (a javascript: link, an event attribute) is removed.

const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML, as a block or inline: dropped.
    html: () => '',
  },
});

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code',
  'ul', 'ol', 'li', 'strong', 'em', 'del', 's', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
];

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
    // GFM task lists: a disabled checkbox.
    input: ['type', 'checked', 'disabled'],
  },
  // No data:, javascript:, vbscript: …: only web links and mail.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links written by a shop, opened by visitors: a new tab that cannot reach back into
    // the help centre, and no endorsement for search engines.
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener nofollow ugc' },
    }),
    // Pages load nothing from elsewhere (the CSP's img-src is 'self'): a picture becomes a link to it.
    img: (_tagName, attribs) => ({
      tagName: 'a',
      attribs: { href: attribs.src ?? '', target: '_blank', rel: 'noopener nofollow ugc' },
      text: attribs.alt || 'Image',
    }),
    input: (tagName, attribs) => (attribs.type === 'checkbox' ? { tagName, attribs: { ...attribs, disabled: '' } } : { tagName: 'span', attribs: {} }),
  },
  allowedClasses: {},
};
// target/rel are set by transformTags, after the attribute allowlist: allow them on <a>.
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes, a: ['href', 'title', 'target', 'rel'] };

/** HTML that came out of renderArticleHtml: the only kind components/help/article-body.tsx takes. */
export type SafeArticleHtml = string & { readonly __brand: 'SafeArticleHtml' };

/** An article's Markdown as safe HTML. */
export function renderArticleHtml(bodyMd: string): SafeArticleHtml {
  const html = markdown.parse(bodyMd) as string;
  return sanitizeHtml(html, SANITIZE) as SafeArticleHtml;
}

/** The article's words without any markup: for excerpts and search snippets. */
export function articlePlainText(bodyMd: string): string {
  const html = markdown.parse(bodyMd) as string;
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript'] });
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A short summary: the excerpt the author wrote, else the start of the body. */
export function excerptOf(excerpt: string, bodyMd: string, max = 200): string {
  const own = excerpt.trim();
  if (own) return own.slice(0, max);
  const plain = articlePlainText(bodyMd);
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
