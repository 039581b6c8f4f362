import { describe, expect, it, vi } from 'vitest';
import { GetPromptRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { parseRequest, RpcError, toRpcError } from './errors';

describe('toRpcError', () => {
  it('makes a caller mistake InvalidParams, keeping the message as written and the Galley code', () => {
    const e = toRpcError(new AppError('invalid', 'Missing required variable "q"', { details: { errors: [] } }));
    expect(e).toMatchObject({ code: -32602, message: 'Missing required variable "q"', data: { code: 'invalid', errors: [] } });
    expect(toRpcError(new AppError('not_found', 'No prompt "x"'))).toMatchObject({ code: -32602 });
    expect(toRpcError(new AppError('conflict', 'The served content is not valid'))).toMatchObject({ code: -32603 });
  });

  it('logs an unexpected error and shows only its reference', () => {
    const log = vi.spyOn(logger(), 'error').mockImplementation(() => {});
    try {
      const e = toRpcError(new Error('connection refused at 10.0.0.7'));
      expect(e).toBeInstanceOf(RpcError);
      expect(e).toMatchObject({
        code: -32603,
        message: expect.stringMatching(/^The service is temporarily unavailable; retry shortly\. Reference: [0-9A-Z]{5}$/),
      });
      expect(e.message).not.toContain('10.0.0.7');
      expect(log.mock.calls[0]?.[0]).toMatchObject({ err: { message: expect.stringContaining('10.0.0.7') } });
    } finally {
      log.mockRestore();
    }
  });
});

describe('parseRequest', () => {
  it('names each bad field of a request', () => {
    const bad = { method: 'prompts/get', params: { arguments: { a: 1 } } };
    expect(() => parseRequest(GetPromptRequestSchema, bad)).toThrow(
      'Invalid prompts/get request: params.name: Invalid input: expected string, received undefined; params.arguments.a: Invalid input: expected string, received number',
    );
    expect(parseRequest(GetPromptRequestSchema, { method: 'prompts/get', params: { name: 'x' } }).params.name).toBe('x');
  });
});
