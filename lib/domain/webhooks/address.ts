// SSRF classification: which addresses a webhook may never reach (unless the operator allows
// private targets). Pure parsing, so the same rule runs when an endpoint is saved and inside the
// connection's DNS lookup, where a name that resolved publicly at save time may now point inward.

const V4_BLOCKED: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8 "this network"
  [0x0a000000, 8], // 10/8 private
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // 127/8 loopback
  [0xa9fe0000, 16], // 169.254/16 link-local, cloud metadata (169.254.169.254)
  [0xac100000, 12], // 172.16/12 private
  [0xc0000000, 24], // 192.0.0/24 IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16 private
  [0xc6120000, 15], // 198.18/15 benchmarking
  [0xe0000000, 4], // 224/4 multicast
  [0xf0000000, 4], // 240/4 reserved, broadcast
];

function parseV4(s: string): number | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Eight 16-bit groups, or null when `s` is not an IPv6 address. */
function parseV6(s: string): number[] | null {
  let text = s
    .replace(/^\[|\]$/g, '')
    .split('%')[0]!
    .toLowerCase();
  const tail: number[] = [];
  const v4 = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const n = parseV4(v4[2]!);
    if (n === null) return null;
    tail.push(n >>> 16, n & 0xffff);
    text = v4[1]!.endsWith('::') ? v4[1]! : v4[1]!.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  const explicit = [...head, ...rest];
  if (!explicit.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - explicit.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [
    ...head.map((g) => parseInt(g, 16)),
    ...Array(halves.length === 2 ? missing : 0).fill(0),
    ...rest.map((g) => parseInt(g, 16)),
    ...tail,
  ];
}

export type AddressKind = 'public' | 'blocked' | 'invalid';

/** Whether an IP literal is a public unicast address a webhook may reach. */
export function classifyAddress(address: string): AddressKind {
  const v4 = parseV4(address);
  if (v4 !== null) return V4_BLOCKED.some(([base, bits]) => v4 >>> (32 - bits) === base >>> (32 - bits)) ? 'blocked' : 'public';
  const g = parseV6(address);
  if (!g) return 'invalid';
  if (g.every((x) => x === 0)) return 'blocked'; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'blocked'; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address: judge that.
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || nat64) return classifyAddress(`${g[6]! >>> 8}.${g[6]! & 0xff}.${g[7]! >>> 8}.${g[7]! & 0xff}`);
  if ((g[0]! & 0xfe00) === 0xfc00) return 'blocked'; // fc00::/7 unique local (fd00:ec2::254 metadata)
  if ((g[0]! & 0xffc0) === 0xfe80) return 'blocked'; // fe80::/10 link-local
  if ((g[0]! & 0xff00) === 0xff00) return 'blocked'; // ff00::/8 multicast
  return 'public';
}

export function isIpLiteral(host: string): boolean {
  return classifyAddress(host) !== 'invalid';
}

/** Names that are private by definition, whatever a resolver answers. */
export function isPrivateHostname(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal') || h === 'metadata.google.internal';
}

/** A field error for a webhook URL, or null when its form is acceptable (DNS is checked apart). */
export function webhookUrlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full URL, e.g. https://example.com/hooks/galley';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http:// and https:// URLs are supported';
  if (url.username || url.password) return 'Put credentials in the receiver, not in the URL';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isPrivateHostname(host) || (isIpLiteral(host) && classifyAddress(host) === 'blocked'))
    return 'This URL points at a private, loopback, link-local or metadata address';
  return null;
}
