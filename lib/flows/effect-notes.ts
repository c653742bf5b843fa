import { PRIORITY_LABELS } from '@/lib/conversations/priority-labels';
import type { Effect } from './engine-types';

// The preview chat stores nothing: it tells the admin, in a line per effect, what a real
// run would have changed (the customer's tags and data, the conversation's priority).

export function effectNote(effect: Effect): string {
  switch (effect.kind) {
    case 'add_tag':
      return `Tag added: ${effect.tag}`;
    case 'remove_tag':
      return `Tag removed: ${effect.tag}`;
    case 'set_custom_data':
      return `Custom data: ${effect.key} = ${effect.value}`;
    case 'set_priority':
      return effect.priority === 'none' ? 'Priority removed' : `Priority set to ${PRIORITY_LABELS[effect.priority]}`;
    case 'save_form':
      return `Form answers saved: ${effect.submission.stored.map((a) => `${a.label} = ${a.value}`).join(', ') || 'none'}`;
  }
}
