import { TextField } from '@/components/ui/field';
import { PASSWORD_MIN_LENGTH } from '@/lib/domain/password-rules';

/** The field for a password being chosen (sign-up, change, reset), with the rules it must meet (lib/domain/password-rules.ts). */
export function NewPasswordField({ label, name, error }: { label: string; name: string; error?: string[] }) {
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      error={error}
      hint={`At least ${PASSWORD_MIN_LENGTH} characters, not your email, not a common password.`}
      required
    />
  );
}
