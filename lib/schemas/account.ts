import { z } from 'zod';
import { linkTokenSchema, nameSchema, newPasswordSchema } from './auth';

export const updateNameSchema = z.object({ name: nameSchema });

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(200),
  newPassword: newPasswordSchema,
});

export const signOutEverywhereSchema = z.object({});

export const endSessionSchema = z.object({ sessionId: z.string().min(1, 'Name a session').max(64, 'must be a session id') });

export const endOtherSessionsSchema = z.object({});

export const answerInvitationSchema = z.object({ token: linkTokenSchema });
