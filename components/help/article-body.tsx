import type { SafeArticleHtml } from '@/lib/articles/render';

// The one place rendered article HTML is put into a page: it comes only from
// lib/articles/render.ts (Markdown with raw HTML dropped, then an allowlist sanitiser).
export function ArticleBody({ html, className = '' }: { html: SafeArticleHtml; className?: string }) {
  return (
    <div
      className={`max-w-none break-words text-slate-800 [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:mt-6 [&_h1]:text-2xl [&_h1]:font-semibold [&_h2]:mt-5 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-4 [&_h3]:font-semibold [&_li]:mt-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:mt-3 [&_pre]:mt-3 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-slate-100 [&_pre]:p-3 [&_table]:mt-3 [&_table]:block [&_table]:overflow-x-auto [&_td]:border [&_td]:border-slate-200 [&_td]:px-2 [&_th]:border [&_th]:border-slate-200 [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-6 ${className}`}
      // Sanitised by lib/articles/render.ts (the SafeArticleHtml type says so): the only HTML Baton renders.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
