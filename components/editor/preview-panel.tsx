'use client';

import { useDeferredValue, useMemo, useState } from 'react';
import { emptyContent, type Content } from '@/lib/domain/content';
import { expandContent } from '@/lib/domain/includes';
import type { PlaceholderMessage } from '@/lib/domain/placeholders';
import { coerceSampleValue, renderContent } from '@/lib/domain/template';
import { SampleMessages } from './sample-messages';

const NOTHING: Content = { blocks: [], variables: [], model: emptyContent().model };

/**
 * The compiled chat messages, rendered live with sample values the author types. It renders a
 * deferred copy of the content: a keystroke paints first and the preview (the whole prompt's
 * text again) follows when React has time. Its first value is empty, so the server does not
 * put the whole text into the page a second time; the preview fills in after hydration.
 */
export function PreviewPanel({ content: latest }: { content: Content }) {
  const deferred = useDeferredValue<Content | null>(latest, null);
  const content = deferred ?? NOTHING;
  const [samples, setSamples] = useState<Record<string, string>>({});
  const [history, setHistory] = useState<Record<string, PlaceholderMessage[]>>({});
  // Included prompts bring their variables and placeholders: the preview asks for those too.
  const flat = useMemo(() => {
    const expanded = expandContent(content);
    return expanded.ok ? expanded.content : content;
  }, [content]);
  const placeholders = flat.blocks.flatMap((b) => (b.kind === 'placeholder' && b.placeholder && b.enabled ? [b.placeholder.name] : []));
  const { values, sampleErrors } = useMemo(() => {
    const values: Record<string, unknown> = {};
    const sampleErrors: Record<string, string> = {};
    for (const v of flat.variables) {
      const raw = samples[v.name];
      if (raw === undefined || raw === '') continue;
      const c = coerceSampleValue(v.type, raw);
      if (c.ok) values[v.name] = c.value;
      else sampleErrors[v.name] = c.message;
    }
    return { values, sampleErrors };
  }, [flat.variables, samples]);
  const rendered = useMemo(() => renderContent(content, values, history), [content, values, history]);

  return (
    <section aria-labelledby="preview-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-3 text-sm">
      <h2 id="preview-heading" className="font-medium">
        Preview
      </h2>
      {flat.variables.map((v) => (
        <label key={v.name} className="block space-y-0.5">
          <span className="font-mono text-xs text-stone-600">
            {v.name} <span className="text-stone-400">({v.type})</span>
          </span>
          <input
            aria-label={`Sample value for ${v.name}`}
            value={samples[v.name] ?? ''}
            onChange={(e) => setSamples((s) => ({ ...s, [v.name]: e.target.value }))}
            className="w-full rounded border border-stone-300 px-1.5 py-0.5 font-mono text-xs"
          />
          {sampleErrors[v.name] && <span className="text-xs text-red-700">{sampleErrors[v.name]}</span>}
        </label>
      ))}
      {placeholders.map((name) => (
        <SampleMessages
          key={name}
          name={name}
          messages={history[name] ?? []}
          onChange={(messages) => setHistory((h) => ({ ...h, [name]: messages }))}
        />
      ))}
      {deferred === null ? null : rendered.ok ? (
        <ol aria-label="Rendered messages" className="space-y-2">
          {rendered.messages.map((m, i) => (
            <li key={i} className="rounded border border-stone-100 bg-stone-50 p-2">
              <p className="text-xs font-semibold uppercase tracking-wide text-stone-500">{m.role}</p>
              <pre className="whitespace-pre-wrap font-mono text-xs">{m.content}</pre>
            </li>
          ))}
          {rendered.messages.length === 0 && <li className="text-stone-500">Nothing to send: every block is empty or disabled.</li>}
        </ol>
      ) : (
        <ul role="alert" aria-label="Render errors" className="space-y-1 text-xs text-red-700">
          {rendered.errors.map((e) => (
            <li key={('variable' in e ? e.variable : e.placeholder) + e.message}>{e.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
