// A readable form of the JSON log lines, for a terminal during development:
//   14:03:07.412 INFO  request GET page 200 12.3ms requestId=7b1e…
// Small on purpose (pino-pretty would add a dozen packages for the same job). A line that is
// not a JSON object is printed as it came.
const COLORS: Record<string, string> = { fatal: '35', error: '31', warn: '33', info: '32', debug: '36', trace: '90' };
const SHOWN_FIRST = ['method', 'route', 'status', 'ms'] as const;
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err', ...SHOWN_FIRST]);

function scalar(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

export function prettyLine(line: string, color = true): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return line.endsWith('\n') ? line : `${line}\n`;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = String(entry.level ?? 'info');
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const label = level.toUpperCase().padEnd(5);
  const parts = [time, color && COLORS[level] ? `\u001b[${COLORS[level]}m${label}\u001b[0m` : label, String(entry.msg ?? '')];
  for (const name of SHOWN_FIRST) {
    if (entry[name] !== undefined) parts.push(name === 'ms' ? `${scalar(entry[name])}ms` : scalar(entry[name]));
  }
  for (const [name, value] of Object.entries(entry)) {
    if (!HIDDEN.has(name)) parts.push(`${name}=${scalar(value)}`);
  }
  let out = parts.filter(Boolean).join(' ');
  const err = entry.err as { type?: string; message?: string; stack?: string } | undefined;
  if (err) out += `\n  ${(err.stack ?? `${err.type ?? 'Error'}: ${err.message ?? ''}`).replaceAll('\n', '\n  ')}`;
  return `${out}\n`;
}
