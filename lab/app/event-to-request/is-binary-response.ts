// Which response bodies must travel base64-encoded? serverless-express's default list is only
// `image/*` (plus gzip/deflate/br encodings), so `application/octet-stream`, PDFs, zips and fonts
// come back as UTF-8 text: corrupted (serverless-express#645). Turn the question around, as
// Hono's adapter does: a body is text only when its type says so; everything else is bytes.

const TEXT_TYPES = [/^text\//, /^application\/(json|xml|javascript|x-www-form-urlencoded|graphql)$/, /\+(json|xml)$/];

export function isBinaryResponse({ headers }: { headers: Record<string, unknown> }): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  if (encoding !== '' && encoding !== 'identity') return true;
  const contentType = String(headers['content-type'] ?? '');
  if (contentType === '') return false;
  if (/;\s*charset=/i.test(contentType)) return false;
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  return !TEXT_TYPES.some((pattern) => pattern.test(mime));
}
