// The SSRF guard's two checks: when an endpoint is saved (the URL's form and what its host
// resolves to now), and at connect time (a lookup that refuses private answers, so a name
// re-pointed inward after saving, or DNS rebinding, reaches nothing).
import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress, isIpLiteral, isPrivateHostname, webhookUrlProblem } from '@/lib/domain/webhooks/address';
import { env } from '@/lib/env';

export const allowPrivate = () => env.GALLEY_WEBHOOK_ALLOW_PRIVATE === 'true';

/** A field error for the URL field, or null. */
export async function checkWebhookUrl(raw: string): Promise<string | null> {
  const problem = webhookUrlProblem(raw, allowPrivate());
  if (problem) return problem;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (isIpLiteral(host)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await dns.lookup(host, { all: true });
  } catch {
    return `The host ${host} does not resolve`;
  }
  if (!allowPrivate() && addresses.some((a) => classifyAddress(a.address) !== 'public'))
    return 'This URL resolves to a private, loopback, link-local or metadata address';
  return null;
}

export class BlockedAddressError extends Error {
  code = 'EBLOCKED';
}

/** node's lookup, refusing private answers unless they are allowed. Used by every delivery's socket. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  if (!allowPrivate() && isPrivateHostname(hostname)) {
    callback(new BlockedAddressError(`${hostname} is a private name`), '', 4);
    return;
  }
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const list = addresses as LookupAddress[];
    const bad = allowPrivate() ? undefined : list.find((a) => classifyAddress(a.address) !== 'public');
    if (bad) return callback(new BlockedAddressError(`${hostname} resolves to the private address ${bad.address}`), '', 4);
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};
