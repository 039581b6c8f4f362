'use client';

import { Button } from '@/components/ui/button';
import { VARIABLE_TYPES, type Content, type ContentIssue, type Variable, type VariableType } from '@/lib/domain/content';
import { removeVariable, upsertVariable } from '@/lib/domain/content-edit';
import { coerceSampleValue } from '@/lib/domain/template';
import { variableDiagnostics } from '@/lib/domain/variables';

interface Props {
  content: Content;
  readOnly: boolean;
  issues: ContentIssue[];
  onChange: (content: Content) => void;
  onBlur: () => void;
}

function defaultText(v: Variable): string {
  if (v.default === undefined) return '';
  return v.type === 'string' ? String(v.default) : JSON.stringify(v.default);
}

/** Typed definitions for the {{variables}} the blocks use, with warnings both ways. */
export function VariablesPanel({ content, readOnly, issues, onChange, onBlur }: Props) {
  const { undefinedVariables, unusedVariables } = variableDiagnostics(content);
  const issuesAt = (i: number) => issues.filter((x) => x.path.startsWith(`variables.${i}`)).map((x) => x.message);

  function setDefault(v: Variable, raw: string) {
    if (raw === '') return onChange(upsertVariable(content, v.name, { default: undefined }));
    const coerced = coerceSampleValue(v.type, raw);
    // An unparsable default is kept as text so nothing typed is lost; validation names it.
    onChange(upsertVariable(content, v.name, { default: coerced.ok ? coerced.value : raw }));
  }

  return (
    <section aria-labelledby="variables-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-3 text-sm">
      <div className="flex items-center gap-2">
        <h2 id="variables-heading" className="font-medium">
          Variables
        </h2>
        {!readOnly && undefinedVariables.length > 0 && (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            onClick={() => onChange(undefinedVariables.reduce((c, name) => upsertVariable(c, name, {}), content))}
          >
            Define all
          </Button>
        )}
      </div>
      {undefinedVariables.map((name) => (
        <div
          key={name}
          role="alert"
          className="flex items-center gap-2 rounded border border-amber-200 bg-amber-50 px-2 py-1 text-amber-900"
        >
          <span className="font-mono">{`{{${name}}}`}</span> is used but not defined
          {!readOnly && (
            <Button variant="ghost" size="sm" className="ml-auto" onClick={() => onChange(upsertVariable(content, name, {}))}>
              Define
            </Button>
          )}
        </div>
      ))}
      {content.variables.length === 0 && undefinedVariables.length === 0 && (
        <p className="text-stone-500">Type {'{{name}}'} in a block to add a variable.</p>
      )}
      <ul className="space-y-3">
        {content.variables.map((v, i) => (
          <li key={v.name} data-testid={`variable-${v.name}`} className="space-y-1.5 rounded border border-stone-100 p-2">
            <div className="flex items-center gap-2">
              <span className="font-mono font-medium">{v.name}</span>
              {unusedVariables.includes(v.name) && <span className="text-xs text-amber-700">defined but unused</span>}
              {!readOnly && (
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto"
                  aria-label={`Remove variable ${v.name}`}
                  onClick={() => onChange(removeVariable(content, v.name))}
                >
                  ×
                </Button>
              )}
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <select
                aria-label={`Type of ${v.name}`}
                value={v.type}
                disabled={readOnly}
                onBlur={onBlur}
                onChange={(e) => onChange(upsertVariable(content, v.name, { type: e.target.value as VariableType, default: undefined }))}
                className="rounded border border-stone-300 px-1.5 py-0.5"
              >
                {VARIABLE_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={v.required}
                  disabled={readOnly}
                  onChange={(e) => onChange(upsertVariable(content, v.name, { required: e.target.checked }))}
                />
                required
              </label>
            </div>
            <input
              aria-label={`Default of ${v.name}`}
              placeholder="default"
              defaultValue={defaultText(v)}
              readOnly={readOnly}
              onBlur={(e) => {
                setDefault(v, e.target.value);
                onBlur();
              }}
              className="w-full rounded border border-stone-300 px-1.5 py-0.5 font-mono text-xs"
            />
            <input
              aria-label={`Description of ${v.name}`}
              placeholder="description"
              value={v.description ?? ''}
              readOnly={readOnly}
              maxLength={600}
              onBlur={onBlur}
              onChange={(e) => onChange(upsertVariable(content, v.name, { description: e.target.value || undefined }))}
              className="w-full rounded border border-stone-300 px-1.5 py-0.5 text-xs"
            />
            {issuesAt(i).length > 0 && (
              <p role="alert" className="text-xs text-red-700">
                {issuesAt(i).join(' ')}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
