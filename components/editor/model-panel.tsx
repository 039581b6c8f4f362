'use client';

import { useState } from 'react';
import type { Content, ContentIssue, ModelSettings } from '@/lib/domain/content';

interface Props {
  content: Content;
  readOnly: boolean;
  issues: ContentIssue[];
  onChange: (content: Content) => void;
  onBlur: () => void;
  /** Extra-parameter JSON that does not parse yet: kept here, reported, never saved. */
  onParamsError: (message: string | null) => void;
}

const PROVIDERS = ['openai', 'anthropic', 'azure-openai', 'google', 'mistral', 'openai-compatible'];
const fieldClass = 'w-full rounded border border-stone-300 px-1.5 py-1 text-sm';

function numberOrUndefined(raw: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

export function ModelPanel({ content, readOnly, issues, onChange, onBlur, onParamsError }: Props) {
  const model = content.model;
  const [paramsText, setParamsText] = useState(() => JSON.stringify(model.params ?? {}, null, 2));
  const [paramsError, setParamsError] = useState<string | null>(null);
  const set = (patch: Partial<ModelSettings>) => onChange({ ...content, model: { ...model, ...patch } });
  const issue = (key: string) =>
    issues
      .filter((i) => i.path === `model.${key}` || i.path.startsWith(`model.${key}.`))
      .map((i) => i.message)
      .join(' ');

  function onParams(text: string) {
    setParamsText(text);
    try {
      const value = JSON.parse(text || '{}');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('Extra parameters must be a JSON object');
      setParamsError(null);
      onParamsError(null);
      set({ params: value });
    } catch (e) {
      const message = e instanceof SyntaxError ? `Invalid JSON: ${e.message}` : (e as Error).message;
      setParamsError(message);
      onParamsError(message);
    }
  }

  return (
    <section aria-labelledby="model-heading" className="space-y-2 rounded-lg border border-stone-200 bg-white p-3 text-sm">
      <h2 id="model-heading" className="font-medium">
        Model settings
      </h2>
      <label className="block space-y-0.5">
        <span className="text-xs text-stone-600">Provider</span>
        <input
          list="galley-providers"
          aria-label="Provider"
          value={model.provider}
          readOnly={readOnly}
          onBlur={onBlur}
          onChange={(e) => set({ provider: e.target.value })}
          className={fieldClass}
        />
        <datalist id="galley-providers">
          {PROVIDERS.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        {issue('provider') && (
          <span role="alert" className="text-xs text-red-700">
            {issue('provider')}
          </span>
        )}
      </label>
      <label className="block space-y-0.5">
        <span className="text-xs text-stone-600">Model</span>
        <input
          aria-label="Model"
          value={model.model}
          readOnly={readOnly}
          onBlur={onBlur}
          onChange={(e) => set({ model: e.target.value })}
          className={fieldClass}
        />
        {issue('model') && (
          <span role="alert" className="text-xs text-red-700">
            {issue('model')}
          </span>
        )}
      </label>
      <div className="grid grid-cols-2 gap-2">
        <label className="block space-y-0.5">
          <span className="text-xs text-stone-600">Temperature</span>
          <input
            aria-label="Temperature"
            type="number"
            step="0.1"
            min={0}
            max={2}
            defaultValue={model.temperature ?? ''}
            readOnly={readOnly}
            onBlur={onBlur}
            onChange={(e) => set({ temperature: numberOrUndefined(e.target.value) })}
            className={fieldClass}
          />
          {issue('temperature') && (
            <span role="alert" className="text-xs text-red-700">
              {issue('temperature')}
            </span>
          )}
        </label>
        <label className="block space-y-0.5">
          <span className="text-xs text-stone-600">Max tokens</span>
          <input
            aria-label="Max tokens"
            type="number"
            step="1"
            min={1}
            defaultValue={model.maxTokens ?? ''}
            readOnly={readOnly}
            onBlur={onBlur}
            onChange={(e) => set({ maxTokens: numberOrUndefined(e.target.value) })}
            className={fieldClass}
          />
          {issue('maxTokens') && (
            <span role="alert" className="text-xs text-red-700">
              {issue('maxTokens')}
            </span>
          )}
        </label>
      </div>
      <label className="block space-y-0.5">
        <span className="text-xs text-stone-600">Extra parameters (JSON)</span>
        <textarea
          aria-label="Extra parameters (JSON)"
          rows={4}
          value={paramsText}
          readOnly={readOnly}
          onBlur={onBlur}
          onChange={(e) => onParams(e.target.value)}
          aria-invalid={Boolean(paramsError)}
          className={`${fieldClass} font-mono text-xs aria-[invalid=true]:border-red-400`}
        />
        {(paramsError || issue('params')) && (
          <span role="alert" className="text-xs text-red-700">
            {paramsError ?? issue('params')}
          </span>
        )}
      </label>
    </section>
  );
}
