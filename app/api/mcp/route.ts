// The MCP endpoint: Galley prompts as MCP prompts and tools over Streamable HTTP (lib/mcp).
// Every method is routed to the handler, so a wrong one gets a JSON error, not an empty 405.
import { handleMcpRequest } from '@/lib/mcp/http';

export const dynamic = 'force-dynamic';

export {
  handleMcpRequest as GET,
  handleMcpRequest as POST,
  handleMcpRequest as PUT,
  handleMcpRequest as PATCH,
  handleMcpRequest as DELETE,
};
