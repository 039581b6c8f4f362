'use client';

import { MESSAGE_ROLES, type MessageRole } from '@/lib/domain/content';
import type { PlaceholderMessage } from '@/lib/domain/placeholders';

interface Props {
  name: string;
  messages: PlaceholderMessage[];
  onChange: (messages: PlaceholderMessage[]) => void;
}

/** Sample messages for one placeholder, so the preview shows where history lands. */
export function SampleMessages({ name, messages, onChange }: Props) {
  const set = (i: number, patch: Partial<PlaceholderMessage>) => onChange(messages.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <fieldset className="space-y-1 rounded border border-stone-200 p-2">
      <legend className="px-1 font-mono text-xs text-stone-600">{name} (placeholder)</legend>
      {messages.map((m, i) => (
        <div key={i} className="flex gap-1">
          <select
            aria-label={`Role of sample message ${i + 1} for ${name}`}
            value={m.role}
            onChange={(e) => set(i, { role: e.target.value as MessageRole })}
            className="rounded border border-stone-300 text-xs"
          >
            {MESSAGE_ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <input
            aria-label={`Sample message ${i + 1} for ${name}`}
            value={m.content}
            onChange={(e) => set(i, { content: e.target.value })}
            className="min-w-0 flex-1 rounded border border-stone-300 px-1.5 py-0.5 text-xs"
          />
          <button
            type="button"
            aria-label={`Remove sample message ${i + 1} for ${name}`}
            onClick={() => onChange(messages.filter((_, j) => j !== i))}
            className="text-xs text-stone-500"
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...messages, { role: messages.at(-1)?.role === 'user' ? 'assistant' : 'user', content: '' }])}
        className="text-xs text-indigo-700 underline"
      >
        Add sample message to {name}
      </button>
    </fieldset>
  );
}
