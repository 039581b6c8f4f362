import { z } from 'zod';
import { workspaceSlugSchema } from './workspace';

const id = z.string().min(1).max(64);

export const publishSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  revisionId: id,
  note: z.string().trim().min(1, 'Write a release note').max(2000, 'Release note must be at most 2,000 characters'),
});

export const rollbackSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, releaseId: id });

export const stageRevisionSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, revisionId: id });

export const setCanarySchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  releaseId: id.nullable(),
  percent: z.number().int('Enter a whole number').min(0, 'Enter 0 to 100').max(100, 'Enter 0 to 100'),
});

export const promoteStagingSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  revisionId: id,
  // What the promoter saw on staging; the publish refuses if staging no longer serves it.
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest'),
  note: publishSchema.shape.note,
});

export const scheduleReleaseSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  revisionId: id,
  // The browser turns the time entered in the user's time zone into UTC.
  runAt: z.iso.datetime({ offset: true, error: 'Enter a date and time' }).transform((v) => new Date(v)),
  note: publishSchema.shape.note,
});

export const cancelScheduledReleaseSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, scheduleId: id });
