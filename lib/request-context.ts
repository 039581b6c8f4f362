// What a page, action or auth callback knows about the client: the address the custom server
// stamped on the request (lib/server/front-door.ts), which a client cannot forge.
import 'server-only';
import { headers } from 'next/headers';
import { CLIENT_ADDRESS_HEADER } from '@/lib/server/front-door';

export function clientAddressOf(source: Headers | Record<string, unknown> | undefined): string {
  const value = source instanceof Headers ? source.get(CLIENT_ADDRESS_HEADER) : source?.[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' && value ? value : 'unknown';
}

/** The client address of the request being served (actions, pages). */
export async function clientAddress(): Promise<string> {
  return clientAddressOf(await headers());
}

/** The device a sign-in comes from, as the account page lists it. */
export async function clientDevice(): Promise<{ userAgent: string; address: string }> {
  const h = await headers();
  return { userAgent: h.get('user-agent') ?? '', address: clientAddressOf(h) };
}
