import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().max(254, 'Email is too long').pipe(z.email('Enter a valid email address'));

export const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(80, 'Name must be at most 80 characters'),
  email: emailSchema,
  password: z.string().min(10, 'Password must be at least 10 characters').max(200, 'Password must be at most 200 characters'),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password').max(200),
});
