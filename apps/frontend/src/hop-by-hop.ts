/** Hop-by-hop headers (RFC 9110 §7.6.1): meaningful for one connection only, so a proxy must not forward them. */
import type { IncomingHttpHeaders } from 'node:http';

/** Always hop-by-hop, whether or not `Connection` lists them. */
export const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
] as const;

/** The hop-by-hop header names of a message: the fixed list plus every name its `Connection` header lists. */
export function hopByHopNames(headers: IncomingHttpHeaders): readonly string[] {
  // The common case (no Connection header, or only keep-alive/close) allocates nothing per request.
  const connection = headers.connection;
  if (connection === undefined || connection === 'keep-alive' || connection === 'close')
    return HOP_BY_HOP;
  const listed = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'close' && name !== 'keep-alive');
  return [...new Set([...HOP_BY_HOP, ...listed])];
}
