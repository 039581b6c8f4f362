import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '@/lib/domain/password-rules';

export const emailSchema = z.string().trim().toLowerCase().max(254, 'Email is too long').pipe(z.email('Enter a valid email address'));

export const nameSchema = z.string().trim().min(1, 'Enter your name').max(80, 'Name must be at most 80 characters');

/** A new password's length; the rules that need the account's email run where it is known (passwordProblem). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const signUpSchema = z
  .object({ name: nameSchema, email: emailSchema, password: newPasswordSchema })
  .superRefine(({ email, password }, ctx) => {
    // The length is already reported by the field's own check (zod runs this regardless).
    const problem = newPasswordSchema.safeParse(password).success ? passwordProblem(password, email) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(200),
});

/** An invitation or password-reset token from a link; its format and existence are checked by lib/data. */
export const linkTokenSchema = z.string().trim().min(1, 'This link is incomplete').max(100, 'This link is not valid');

export const resetPasswordSchema = z.object({ token: linkTokenSchema, password: newPasswordSchema });
