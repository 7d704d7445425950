import { inflateSync } from 'node:zlib';

/**
 * The text drawn in a PDF: pdfkit writes each run as hex glyph strings inside
 * `[...] TJ` arrays (streams are uncompressed; a compressed one is inflated first).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
    const body = Buffer.from(m[1]!, 'latin1');
    try {
      return inflateSync(body).toString('latin1');
    } catch {
      return m[1]!;
    }
  });
  return streams
    .flatMap((stream) => [...stream.matchAll(/\[([^\]]*)\]\s*TJ/g)])
    .map((m) => [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''))
    .join('\n');
}
