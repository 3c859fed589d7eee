import type { IncomingHttpHeaders } from 'node:http';
import { limitResponse } from './errors.ts';

/**
 * The request body limit, checked on the headers before the body is read: a body declared larger than
 * `maxBytes` is refused with 413, and a body with no declared length (chunked) with 411, since its size
 * is only known once it has been read. GraphQL clients send a Content-Length for their JSON bodies.
 * Returns null when the request may proceed.
 */
export function requestSizeRefusal(
  method: string | undefined,
  headers: IncomingHttpHeaders,
  maxBytes: number,
): ReturnType<typeof limitResponse> | null {
  const declared = headers['content-length'];
  if (declared === undefined) {
    if (headers['transfer-encoding'] === undefined || method === 'GET' || method === 'HEAD') return null;
    return limitResponse(
      'The request body has no Content-Length; send one (bodies of unknown size are not accepted).',
      'LENGTH_REQUIRED',
      411,
      { maxBytes },
    );
  }
  const bytes = Number(declared);
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    return limitResponse(`Content-Length "${declared}" is not a byte count.`, 'REQUEST_TOO_LARGE', 400, {
      maxBytes,
    });
  }
  if (bytes <= maxBytes) return null;
  return limitResponse(
    `The request body is ${bytes} bytes, more than the maximum of ${maxBytes}.`,
    'REQUEST_TOO_LARGE',
    413,
    { bytes, maxBytes },
  );
}
