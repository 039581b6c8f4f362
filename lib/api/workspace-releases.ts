// The write API's way to production: request a review, publish (the same gate as the Publish
// button, every reason given when it is closed), roll back, stage. Each calls the lib/data
// function the server action calls, with the token's context.
import 'server-only';
import { stageRevision } from '@/lib/data/deployments';
import { memberIdsByEmail, promptBySlug, releaseIdOf, revisionIdOf } from '@/lib/data/prompt-refs';
import { publish } from '@/lib/data/publish';
import { rollbackProduction } from '@/lib/data/releases';
import { requestReview } from '@/lib/data/reviews';
import { publishBodySchema, requestReviewBodySchema, rollbackBodySchema, stageBodySchema } from '@/lib/schemas/write-api';
import { jsonResponse } from './http';
import { parseBody } from './request';
import { iso, NO_STORE, type WorkspaceCall } from './workspace-call';
import { slugOf } from './workspace-prompts';

export async function requestReviewOp(call: WorkspaceCall) {
  const slug = slugOf(call);
  const body = parseBody(requestReviewBodySchema, call.req.body);
  const prompt = await promptBySlug(call.ctx, slug);
  const revisionId = await revisionIdOf(prompt, body.revision);
  const reviewerIds = await memberIdsByEmail(call.ctx, [...new Set(body.reviewers ?? [])]);
  const review = await requestReview(call.ctx, {
    promptId: prompt.id,
    revisionId,
    reviewerIds,
    title: body.title,
    description: body.description,
  });
  return jsonResponse(201, { review }, NO_STORE);
}

export async function publishOp(call: WorkspaceCall) {
  const slug = slugOf(call);
  const body = parseBody(publishBodySchema, call.req.body);
  const prompt = await promptBySlug(call.ctx, slug);
  const revisionId = await revisionIdOf(prompt, body.revision);
  const release = await publish(call.ctx, { promptId: prompt.id, revisionId, note: body.note });
  return jsonResponse(
    201,
    {
      release: {
        version: release.version,
        revisionNumber: body.revision,
        contentHash: release.contentHash,
        note: body.note,
        publishedAt: iso(release.publishedAt),
      },
    },
    NO_STORE,
  );
}

export async function rollbackOp(call: WorkspaceCall) {
  const slug = slugOf(call);
  const body = parseBody(rollbackBodySchema, call.req.body);
  const prompt = await promptBySlug(call.ctx, slug);
  const releaseId = await releaseIdOf(prompt, body.version);
  const result = await rollbackProduction(call.ctx, prompt.id, releaseId, body.note ?? '');
  return jsonResponse(200, { production: { version: result.version } }, NO_STORE);
}

export async function stageOp(call: WorkspaceCall) {
  const slug = slugOf(call);
  const body = parseBody(stageBodySchema, call.req.body);
  const prompt = await promptBySlug(call.ctx, slug);
  const revisionId = await revisionIdOf(prompt, body.revision);
  const result = await stageRevision(call.ctx, prompt.id, revisionId);
  return jsonResponse(200, { staging: { revisionNumber: result.revisionNumber }, changed: result.changed }, NO_STORE);
}
