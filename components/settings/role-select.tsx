import { ROLES, type Role } from '@/lib/authz-rules';

export function RoleSelect({
  value,
  onChange,
  label,
  disabled,
  name,
}: {
  value: Role;
  onChange?: (r: Role) => void;
  label: string;
  disabled?: boolean;
  name?: string;
}) {
  return (
    <select
      aria-label={label}
      name={name}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange?.(e.target.value as Role)}
      className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm disabled:bg-stone-50"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}
