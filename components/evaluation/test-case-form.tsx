'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createTestCase, deleteTestCase, updateTestCase } from '@/lib/actions/evaluations';
import { Button } from '@/components/ui/button';
import { FormError, inputClass, TextAreaField, TextField } from '@/components/ui/field';
import { ASSERTION_LABELS, type Assertion, type AssertionTarget, type AssertionType } from '@/lib/domain/eval/assertions';
import type { FieldErrors } from '@/lib/errors';

const KINDS: Record<AssertionTarget, AssertionType[]> = {
  prompt: ['renders', 'contains', 'not_contains', 'regex', 'max_length'],
  output: ['contains', 'not_contains', 'regex', 'max_length', 'equals', 'valid_json', 'json_schema'],
};

/** One assertion row as typed: every field is kept as text, so switching kinds loses nothing. */
interface Row {
  key: number;
  target: AssertionTarget;
  type: AssertionType;
  value: string;
  caseSensitive: boolean;
  pattern: string;
  flags: string;
  chars: string;
  tokens: string;
  trim: boolean;
  schema: string;
}

let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, target: 'output', type: 'contains', value: '', caseSensitive: true, pattern: '', flags: '', chars: '', tokens: '', trim: true, schema: '{\n  "type": "object"\n}' });

function toRow(a: Assertion): Row {
  const row: Row = { ...emptyRow(), target: a.target, type: a.type };
  if ('value' in a) row.value = a.value;
  if ('caseSensitive' in a && a.caseSensitive !== undefined) row.caseSensitive = a.caseSensitive;
  if (a.type === 'regex') Object.assign(row, { pattern: a.pattern, flags: a.flags ?? '' });
  if (a.type === 'max_length') Object.assign(row, { chars: a.chars?.toString() ?? '', tokens: a.tokens?.toString() ?? '' });
  if (a.type === 'equals') row.trim = a.trim ?? true;
  if (a.type === 'json_schema') row.schema = JSON.stringify(a.schema, null, 2);
  return row;
}

const toLimit = (v: string) => (v.trim() === '' ? undefined : Number(v));

/** The assertion the server validates; a schema that is not JSON is a local field error. */
function toAssertion(r: Row, i: number, errors: FieldErrors): unknown {
  const base = { type: r.type, target: r.target };
  switch (r.type) {
    case 'contains':
    case 'not_contains':
      return { ...base, value: r.value, caseSensitive: r.caseSensitive };
    case 'regex':
      return { ...base, pattern: r.pattern, ...(r.flags ? { flags: r.flags } : {}) };
    case 'max_length':
      return { ...base, chars: toLimit(r.chars), tokens: toLimit(r.tokens) };
    case 'equals':
      return { ...base, value: r.value, trim: r.trim };
    case 'json_schema':
      try {
        return { ...base, schema: JSON.parse(r.schema) };
      } catch {
        errors[`assertions.${i}.schema`] = ['The schema is not valid JSON'];
        return base;
      }
    default:
      return base;
  }
}

export interface TestCaseFormProps {
  workspace: string;
  promptId: string;
  /** Absent: the form creates a new case. */
  testCase?: { id: string; name: string; variables: Record<string, unknown>; assertions: Assertion[] };
  canEdit: boolean;
}

export function TestCaseForm({ workspace, promptId, testCase, canEdit }: TestCaseFormProps) {
  const router = useRouter();
  const [name, setName] = useState(testCase?.name ?? '');
  const [variables, setVariables] = useState(JSON.stringify(testCase?.variables ?? {}, null, 2));
  const [rows, setRows] = useState<Row[]>(() => (testCase ? testCase.assertions.map(toRow) : [emptyRow()]));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  const patch = (key: number, change: Partial<Row>) =>
    setRows((rs) =>
      rs.map((r) => {
        if (r.key !== key) return r;
        const next = { ...r, ...change };
        if (!KINDS[next.target].includes(next.type)) next.type = 'contains';
        return next;
      }),
    );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const local: FieldErrors = {};
    let vars: unknown = {};
    try {
      vars = JSON.parse(variables || '{}');
      if (vars === null || typeof vars !== 'object' || Array.isArray(vars)) local.variables = ['Enter a JSON object, such as {"city": "Paris"}'];
    } catch {
      local.variables = ['The variable values are not valid JSON'];
    }
    const assertions = rows.map((r, i) => toAssertion(r, i, local));
    setSaved(false);
    if (Object.keys(local).length) {
      setFieldErrors(local);
      setError(null);
      return;
    }
    setPending(true);
    const input = { name, variables: vars as Record<string, never>, assertions: assertions as Assertion[] };
    const res = testCase ? await updateTestCase({ workspace, promptId, testCaseId: testCase.id, testCase: input }) : await createTestCase({ workspace, promptId, testCase: input });
    setPending(false);
    if (!res.ok) {
      const shown = res.fieldErrors ?? {};
      setFieldErrors(shown);
      setError(Object.keys(shown).some((k) => k.startsWith('testCase.') || k === 'name') ? null : res.error.message);
      return;
    }
    setFieldErrors({});
    setError(null);
    setSaved(true);
    if (!testCase) {
      setName('');
      setVariables('{}');
      setRows([emptyRow()]);
    }
    router.refresh();
  }

  async function onDelete() {
    if (!testCase || !window.confirm(`Delete the test case "${testCase.name}"?`)) return;
    setPending(true);
    const res = await deleteTestCase({ workspace, promptId, testCaseId: testCase.id });
    setPending(false);
    if (!res.ok) return setError(res.error.message);
    router.refresh();
  }

  // The data layer keys errors by the case's own paths; the action's schema prefixes them with "testCase.".
  const err = (path: string) => fieldErrors[path] ?? fieldErrors[`testCase.${path}`];
  const label = testCase ? `Test case ${testCase.name}` : 'New test case';

  return (
    <form onSubmit={onSubmit} aria-label={label} className="space-y-3" noValidate>
      <FormError message={error} />
      <TextField label="Case name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} error={err('name')} disabled={!canEdit} />
      <TextAreaField
        label="Variable values (JSON object)"
        value={variables}
        onChange={(e) => setVariables(e.target.value)}
        rows={3}
        className="font-mono"
        error={err('variables')}
        disabled={!canEdit}
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">Assertions</legend>
        {rows.map((r, i) => (
          <AssertionRow key={r.key} index={i} row={r} errors={(f) => err(`assertions.${i}.${f}`) ?? (f === 'type' ? err(`assertions.${i}`) : undefined)} onChange={(c) => patch(r.key, c)} onRemove={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} disabled={!canEdit} />
        ))}
        {err('assertions') && <p role="alert" className="text-sm text-red-700">{err('assertions')!.join(' ')}</p>}
        {canEdit && (
          <Button variant="secondary" size="sm" onClick={() => setRows((rs) => [...rs, emptyRow()])}>
            Add assertion
          </Button>
        )}
      </fieldset>
      {canEdit && (
        <div className="flex items-center gap-2">
          <Button type="submit" disabled={pending}>
            {testCase ? 'Save case' : 'Add case'}
          </Button>
          {testCase && (
            <Button variant="danger" onClick={onDelete} disabled={pending}>
              Delete
            </Button>
          )}
          {saved && <span role="status" className="text-sm text-emerald-700">Saved</span>}
        </div>
      )}
    </form>
  );
}

const FIELDS: Partial<Record<AssertionType, (keyof Row)[]>> = {
  contains: ['value', 'caseSensitive'],
  not_contains: ['value', 'caseSensitive'],
  regex: ['pattern', 'flags'],
  max_length: ['chars', 'tokens'],
  equals: ['value', 'trim'],
  json_schema: ['schema'],
};

const FIELD_LABELS: Partial<Record<keyof Row, string>> = { value: 'Value', pattern: 'Pattern', flags: 'Flags', chars: 'Max characters', tokens: 'Max tokens', schema: 'JSON Schema', caseSensitive: 'Case-sensitive', trim: 'Trim' };

interface AssertionRowProps {
  index: number;
  row: Row;
  errors: (field: string) => string[] | undefined;
  onChange: (change: Partial<Row>) => void;
  onRemove: () => void;
  disabled: boolean;
}

function AssertionRow({ index, row, errors, onChange, onRemove, disabled }: AssertionRowProps) {
  const n = index + 1;
  const fields = FIELDS[row.type] ?? [];
  const messages = [...new Set(['type', 'target', ...fields].flatMap((f) => errors(f) ?? []))];
  return (
    <div data-testid="assertion-row" className="space-y-1 rounded-md border border-stone-200 p-2">
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label={`Assertion ${n} target`} className={`${inputClass} w-auto`} value={row.target} onChange={(e) => onChange({ target: e.target.value as AssertionTarget })} disabled={disabled}>
          <option value="prompt">Rendered prompt</option>
          <option value="output">Model output</option>
        </select>
        <select aria-label={`Assertion ${n} kind`} className={`${inputClass} w-auto`} value={row.type} onChange={(e) => onChange({ type: e.target.value as AssertionType })} disabled={disabled}>
          {KINDS[row.target].map((k) => (
            <option key={k} value={k}>
              {ASSERTION_LABELS[k]}
            </option>
          ))}
        </select>
        {fields.map((f) =>
          f === 'caseSensitive' || f === 'trim' ? (
            <label key={f} className="flex items-center gap-1 text-sm text-stone-700">
              <input type="checkbox" checked={row[f]} onChange={(e) => onChange({ [f]: e.target.checked })} disabled={disabled} />
              {FIELD_LABELS[f]}
            </label>
          ) : f === 'schema' ? (
            <textarea key={f} aria-label={`Assertion ${n} ${FIELD_LABELS[f]}`} aria-invalid={!!errors(f)} rows={4} className={`${inputClass} font-mono`} value={row.schema} onChange={(e) => onChange({ schema: e.target.value })} disabled={disabled} />
          ) : (
            <input
              key={f}
              aria-label={`Assertion ${n} ${FIELD_LABELS[f]}`}
              aria-invalid={!!errors(f)}
              placeholder={FIELD_LABELS[f]}
              inputMode={f === 'chars' || f === 'tokens' ? 'numeric' : undefined}
              className={`${inputClass} ${f === 'flags' || f === 'chars' || f === 'tokens' ? 'w-28' : 'w-auto flex-1'}`}
              value={String(row[f])}
              onChange={(e) => onChange({ [f]: e.target.value })}
              disabled={disabled}
            />
          ),
        )}
        {!disabled && (
          <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove assertion ${n}`}>
            Remove
          </Button>
        )}
      </div>
      {messages.length > 0 && (
        <p role="alert" className="text-sm text-red-700">
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
}
