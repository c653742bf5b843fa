import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@/lib/flows/definition';
import { newStep, problemsByStep, STEP_KINDS, type Draft } from './model';
import { StepForm } from './step-form';
import { StepList } from './step-list';

// Server-rendered markup of the builder: every step kind has a labelled form.
const options = { products: [{ id: '00000000-0000-4000-8000-000000000001', name: 'Linen dress' }], collections: [], teams: [{ id: '00000000-0000-4000-8000-000000000002', name: 'Sales' }], flows: [], articles: [] };

describe('step forms', () => {
  it.each(STEP_KINDS.map((k) => k.type))('renders the %s form with labelled fields', (type) => {
    const html = renderToString(<StepForm step={newStep(type, [])} stepIds={['a', 'b']} options={options} onChange={() => {}} />);
    expect(html).toContain('<label');
    expect(html).not.toContain('undefined');
  });

  it('renders the step list with problems next to their step', () => {
    const draft: Draft = { start: 'hello', steps: [{ id: 'hello', type: 'message', content: { kind: 'text', text: 'Hi' }, next: 'gone' }, { id: 'bye', type: 'end' }] };
    const result = validateDefinition(draft);
    const html = renderToString(<StepList draft={draft} onChange={() => {}} problems={problemsByStep(draft, result.ok ? [] : result.errors)} options={options} />);
    expect(html).toContain('aria-label="Step hello"');
    expect(html).toContain('Step &quot;hello&quot; goes to &quot;gone&quot;, which does not exist');
    expect(html).toContain('Start');
  });
});
