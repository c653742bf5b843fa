'use client';

import { useEffect, useRef, useState } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { inputClass, SecondaryButton } from '@/components/ui/form-kit';
import type { StepType } from '@/lib/flows/definition';
import { addStep, deleteStep, duplicateStep, moveStep, renameStep, STEP_KINDS, stepLabel, summarize, type Draft, type ProblemMap, type StepDraft } from './model';
import { StepForm, type BuilderOptions } from './step-form';

const ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** The visual builder: the steps in order, each with its own form, and the start step. */
export function StepList({ draft, onChange, problems, options }: { draft: Draft; onChange: (d: Draft) => void; problems: ProblemMap; options: BuilderOptions }) {
  const [open, setOpen] = useState<string | null>(draft.steps[0]?.id ?? null);
  const [kind, setKind] = useState<StepType>('message');
  const [focus, setFocus] = useState<string | null>(null);
  const stepIds = draft.steps.map((s) => s.id);

  const add = () => {
    const result = addStep(draft, kind);
    onChange(result.draft);
    setOpen(result.id);
    setFocus(result.id);
  };

  return (
    <div className="space-y-3">
      <label className="block text-sm font-medium">
        Start step
        <select className={inputClass} value={draft.start} onChange={(e) => onChange({ ...draft, start: e.target.value })} aria-invalid={!stepIds.includes(draft.start)}>
          {!stepIds.includes(draft.start) && <option value={draft.start}>{draft.start ? `${draft.start} (missing)` : 'Choose a step…'}</option>}
          {stepIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      {draft.steps.length === 0 && <p className="text-sm text-slate-500">No steps yet: add the first one below.</p>}
      <ol aria-label="Steps" className="space-y-3">
        {draft.steps.map((step, index) => (
          <StepCard
            key={`${index}:${step.type}`}
            step={step}
            index={index}
            count={draft.steps.length}
            isStart={draft.start === step.id}
            expanded={open === step.id}
            focusNow={focus === step.id}
            onFocused={() => setFocus(null)}
            problems={problems.byStep.get(index) ?? []}
            stepIds={stepIds}
            options={options}
            onToggle={() => setOpen(open === step.id ? null : step.id)}
            onChange={(s) => onChange({ ...draft, steps: draft.steps.map((x, i) => (i === index ? s : x)) })}
            onRename={(id) => {
              onChange(renameStep(draft, index, id));
              if (open === step.id) setOpen(id);
            }}
            onMove={(d) => {
              onChange(moveStep(draft, index, d));
              setFocus(step.id);
            }}
            onDuplicate={() => {
              const r = duplicateStep(draft, index);
              onChange(r.draft);
              setOpen(r.id);
              setFocus(r.id);
            }}
            onDelete={() => onChange(deleteStep(draft, index))}
            onMakeStart={() => onChange({ ...draft, start: step.id })}
          />
        ))}
      </ol>
      <div className="flex flex-wrap items-end gap-2 rounded-md border border-dashed border-slate-300 p-3">
        <label className="block min-w-0 flex-1 text-sm font-medium">
          New step
          <select className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as StepType)}>
            {STEP_KINDS.map((k) => (
              <option key={k.type} value={k.type}>
                {k.label} — {k.hint}
              </option>
            ))}
          </select>
        </label>
        <SecondaryButton type="button" onClick={add} disabled={draft.steps.length >= 200}>
          Add step
        </SecondaryButton>
      </div>
    </div>
  );
}

// Long: one card's markup with its move, copy and delete buttons and the step's form.
function StepCard(props: {
  step: StepDraft;
  index: number;
  count: number;
  isStart: boolean;
  expanded: boolean;
  focusNow: boolean;
  onFocused: () => void;
  problems: string[];
  stepIds: string[];
  options: BuilderOptions;
  onToggle: () => void;
  onChange: (s: StepDraft) => void;
  onRename: (id: string) => void;
  onMove: (d: -1 | 1) => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onMakeStart: () => void;
}) {
  const { step, index, count, problems } = props;
  const toggle = useRef<HTMLButtonElement>(null);
  const [idText, setIdText] = useState(step.id);
  useEffect(() => setIdText(step.id), [step.id]);
  useEffect(() => {
    if (props.focusNow) {
      toggle.current?.focus();
      props.onFocused();
    }
  });
  const idError = idText.trim() === '' ? 'A step needs an id' : !ID_PATTERN.test(idText) ? 'Use letters, digits, _ . -' : idText !== step.id && props.stepIds.includes(idText) ? 'Another step has this id' : null;
  const formId = `step-${index}-form`;
  const problemsId = `step-${index}-problems`;

  return (
    <li aria-label={`Step ${step.id}`} className={`rounded-lg border bg-white ${problems.length ? 'border-red-300' : 'border-slate-200'}`}>
      <div className="flex flex-wrap items-center gap-2 p-3">
        <button
          ref={toggle}
          type="button"
          aria-expanded={props.expanded}
          aria-controls={formId}
          onClick={props.onToggle}
          className="flex min-w-0 flex-1 items-start gap-2 rounded text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          <span aria-hidden className="mt-0.5 text-slate-400">
            {props.expanded ? <ChevronDown className="h-3.5 w-3.5" /> : <ChevronRight className="h-3.5 w-3.5" />}
          </span>
          <span className="min-w-0">
            <span className="block text-sm font-semibold">
              {index + 1}. {stepLabel(step.type)} <span className="font-mono text-xs font-normal text-slate-500">{step.id}</span>
              {props.isStart && <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-normal text-emerald-800">Start</span>}
              {problems.length > 0 && <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-normal text-red-800">{problems.length} problem{problems.length > 1 ? 's' : ''}</span>}
            </span>
            <span className="block truncate text-xs text-slate-500">{summarize(step)}</span>
          </span>
        </button>
        <div className="flex flex-wrap gap-1" role="group" aria-label={`Arrange step ${step.id}`}>
          <SecondaryButton type="button" aria-label={`Move step ${step.id} up`} disabled={index === 0} onClick={() => props.onMove(-1)}>
            ↑
          </SecondaryButton>
          <SecondaryButton type="button" aria-label={`Move step ${step.id} down`} disabled={index === count - 1} onClick={() => props.onMove(1)}>
            ↓
          </SecondaryButton>
          <SecondaryButton type="button" aria-label={`Duplicate step ${step.id}`} onClick={props.onDuplicate}>
            Duplicate
          </SecondaryButton>
          <SecondaryButton type="button" aria-label={`Delete step ${step.id}`} onClick={props.onDelete}>
            Delete
          </SecondaryButton>
        </div>
      </div>
      {problems.length > 0 && (
        <ul id={problemsId} className="mx-3 mb-3 list-disc space-y-0.5 rounded-md bg-red-50 py-1 pl-7 pr-2 text-sm text-red-700">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {props.expanded && (
        <div id={formId} role="group" aria-label={`Edit step ${step.id}`} aria-describedby={problems.length ? problemsId : undefined} className="space-y-3 border-t border-slate-100 p-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block text-sm font-medium">
              Step id <span className="text-xs font-normal text-slate-500">(links to it follow)</span>
              <input
                className={inputClass}
                value={idText}
                maxLength={64}
                aria-invalid={Boolean(idError)}
                onChange={(e) => setIdText(e.target.value)}
                onBlur={() => (idError ? setIdText(step.id) : props.onRename(idText))}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    if (!idError) props.onRename(idText);
                  }
                }}
              />
              {idError && <span className="mt-1 block text-xs text-red-600">{idError}</span>}
            </label>
            <div className="flex items-end">
              {props.isStart ? (
                <p className="text-sm text-slate-500">The flow starts here.</p>
              ) : (
                <SecondaryButton type="button" onClick={props.onMakeStart}>
                  Start the flow here
                </SecondaryButton>
              )}
            </div>
          </div>
          <StepForm step={step} stepIds={props.stepIds} options={props.options} onChange={props.onChange} />
        </div>
      )}
    </li>
  );
}
