// One MCP server per request, bound to the request's API key: the endpoint is stateless (no
// sessions), so any instance can answer any request, and the key's environment decides
// every read as it does on /api/v1.
import 'server-only';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthenticatedKey } from '@/lib/api/auth';
import packageJson from '@/package.json';
import { registerPrompts } from './prompts';
import { registerTools } from './tools';

export function mcpServer(key: AuthenticatedKey): McpServer {
  const mcp = new McpServer(
    { name: 'galley', title: 'Galley', version: packageJson.version },
    {
      capabilities: { prompts: {} },
      instructions:
        `Prompts of one Galley workspace, as its ${key.environment} environment serves them` +
        `${key.environment === 'production' ? ' (published releases only)' : ''}. ` +
        'Each prompt is an MCP prompt named by its slug, with its variables as arguments; the tools list, read, ' +
        'render and compare them.',
    },
  );
  registerPrompts(mcp.server, key);
  registerTools(mcp, key);
  return mcp;
}
