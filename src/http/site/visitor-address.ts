import { BlockList, isIP } from 'node:net';
import { DossierError } from '../../domain/errors.js';

/**
 * Which address a site visitor has, for the comment rate limit and view counting (both only
 * ever hash it with the day's salt). Without trusted proxies it is the socket's address: a
 * visitor could otherwise pick any X-Forwarded-For and count as many people. Behind a proxy
 * (`site serve --trust-proxy`), the hops in X-Forwarded-For are read from the right, skipping
 * the trusted ones; the first untrusted hop is the visitor (what the left of it says could be
 * made up by that visitor).
 */

const plain = (address: string): string => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** The trusted proxies: addresses, CIDR ranges, or `loopback` (127.0.0.0/8 and ::1); an error names a bad entry. */
export function trustedProxies(spec: string): BlockList {
  const list = new BlockList();
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits] = raw.split('/');
    const family = isIP(address);
    if (family === 0 || (bits !== undefined && (!/^\d{1,3}$/.test(bits) || Number(bits) > (family === 4 ? 32 : 128)))) throw new DossierError('invalid_argument', `--trust-proxy: "${raw}" is not an address, a CIDR range (10.0.0.0/8) or "loopback"`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const isTrusted = (list: BlockList, address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/** The visitor's address from the socket's and the X-Forwarded-For header, trusting `proxies` (null: trust none). */
export function visitorAddress(proxies: BlockList | null, socket: string, forwardedFor: string | undefined): string {
  const peer = plain(socket);
  if (!proxies || !forwardedFor || !isTrusted(proxies, peer)) return peer;
  const hops = forwardedFor.split(',').map(plain).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return hop.slice(0, 100); // garbage from an untrusted hop: still one visitor's "address"
    if (!isTrusted(proxies, hop)) return hop;
  }
  // Every hop is a proxy we trust: the left-most is as close to the visitor as we can know.
  return hops[0] ?? peer;
}
