'use client';

import { useMemo, useState } from 'react';
import type { Content } from '@/lib/domain/content';
import { coerceSampleValue, renderContent } from '@/lib/domain/template';

/** The compiled chat messages, rendered live with sample values the author types. */
export function PreviewPanel({ content }: { content: Content }) {
  const [samples, setSamples] = useState<Record<string, string>>({});
  const { values, sampleErrors } = useMemo(() => {
    const values: Record<string, unknown> = {};
    const sampleErrors: Record<string, string> = {};
    for (const v of content.variables) {
      const raw = samples[v.name];
      if (raw === undefined || raw === '') continue;
      const c = coerceSampleValue(v.type, raw);
      if (c.ok) values[v.name] = c.value;
      else sampleErrors[v.name] = c.message;
    }
    return { values, sampleErrors };
  }, [content.variables, samples]);
  const rendered = useMemo(() => renderContent(content, values), [content, values]);

  return (
    <section aria-labelledby="preview-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-3 text-sm">
      <h2 id="preview-heading" className="font-medium">
        Preview
      </h2>
      {content.variables.map((v) => (
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
      {rendered.ok ? (
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
            <li key={e.variable + e.message}>{e.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
