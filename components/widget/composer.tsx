'use client';

import { useRef, useState } from 'react';
import type { WidgetStrings } from '@/lib/widget/i18n/en';
import { EmojiPicker } from './emoji-picker';
import { WIDGET_TEXT_MAX, WIDGET_UPLOAD_LIMITS, type WidgetConfig } from '@/lib/widget/types';
import { useWidgetText } from './strings';

const ACCEPT = [...WIDGET_UPLOAD_LIMITS.imageTypes, ...WIDGET_UPLOAD_LIMITS.fileTypes].join(',');

/** A quick answer in the browser; the server checks again (type by content, size by kind). */
export function checkFile(file: File, t: WidgetStrings): string | null {
  const isImage = (WIDGET_UPLOAD_LIMITS.imageTypes as readonly string[]).includes(file.type);
  if (file.type.startsWith('image/') && !isImage) return t.fileImageType;
  if (!isImage && !(WIDGET_UPLOAD_LIMITS.fileTypes as readonly string[]).includes(file.type)) return t.fileType;
  if (isImage && file.size > WIDGET_UPLOAD_LIMITS.imageBytes) return t.fileImageSize;
  if (file.size > WIDGET_UPLOAD_LIMITS.fileBytes) return t.fileSize;
  if (file.size === 0) return t.fileEmpty;
  return null;
}

/** The paperclip: picks a file, checks it here (the server checks again) and hands it on. */
function AttachFile({ disabled, onFile, onProblem }: { disabled: boolean; onFile(file: File): void; onProblem(problem: string | null): void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const t = useWidgetText();
  return (
    <>
      <button
        type="button"
        aria-label={t.attachFile}
        title={t.attachHint}
        onClick={() => fileInput.current?.click()}
        disabled={disabled}
        className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full text-slate-500 hover:bg-slate-100 disabled:opacity-50"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M21.44 11.05l-9.19 9.19a6 6 0 01-8.49-8.49l9.19-9.19a4 4 0 015.66 5.66l-9.2 9.19a2 2 0 01-2.83-2.83l8.49-8.48" />
        </svg>
      </button>
      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT}
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="widget-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const problem = checkFile(file, t);
          onProblem(problem);
          if (!problem) onFile(file);
        }}
      />
    </>
  );
}

export function Composer({
  config,
  disabled,
  onSend,
  onFile,
  onTyping,
  inputRef,
  tools,
}: {
  config: WidgetConfig;
  /** More buttons before the message box (the sound toggle). */
  tools?: React.ReactNode;
  disabled: boolean;
  onSend: (text: string) => void;
  onFile: (file: File) => void;
  onTyping: () => void;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const t = useWidgetText();
  const [text, setText] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);

  /** Puts the emoji where the cursor was (or at the end), and the cursor after it. */
  const insert = (emoji: string) => {
    const box = inputRef.current;
    const start = box?.selectionStart ?? text.length;
    const end = box?.selectionEnd ?? text.length;
    const next = (text.slice(0, start) + emoji + text.slice(end)).slice(0, WIDGET_TEXT_MAX);
    setText(next);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  const send = () => {
    const value = text.trim();
    if (!value || disabled) return;
    onSend(value);
    setText('');
  };

  return (
    <div className="border-t border-slate-200 bg-white p-2">
      {fileError && (
        <p role="alert" className="mb-1 px-1 text-xs text-red-600">
          {fileError}
        </p>
      )}
      <form
        className="flex items-end gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <AttachFile disabled={disabled} onFile={onFile} onProblem={setFileError} />
        <EmojiPicker disabled={disabled} onPick={insert} />
        {tools}
        <label htmlFor="baton-composer" className="sr-only">
          {t.message}
        </label>
        <textarea
          id="baton-composer"
          ref={inputRef}
          rows={1}
          value={text}
          maxLength={WIDGET_TEXT_MAX}
          placeholder={t.writeMessage}
          disabled={disabled}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) onTyping();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          className="max-h-32 min-h-10 min-w-0 flex-1 resize-none rounded-2xl border border-slate-300 px-3 py-2 text-sm focus:border-slate-400 focus:outline-none"
        />
        <button
          type="submit"
          aria-label={t.send}
          disabled={disabled || !text.trim()}
          className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full disabled:opacity-40"
          style={{ background: config.color, color: config.textColor }}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="currentColor">
            <path d="M3.4 20.4l17.45-7.48a1 1 0 000-1.84L3.4 3.6a.993.993 0 00-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z" />
          </svg>
        </button>
      </form>
    </div>
  );
}
