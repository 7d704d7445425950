import type { FastifyInstance } from 'fastify';
import { INVOICE_DOCUMENT_FIELDS, renderInvoicePdf, type InvoiceDocument } from '../subgraphs/billing/invoicePdf';

const INVOICE_QUERY = /* GraphQL */ `query InvoicePdf($id: ID!) { invoice(id: $id) { ${INVOICE_DOCUMENT_FIELDS} } }`;

/** The caller's own headers that identify them, passed on unchanged to the GraphQL route. */
const FORWARDED_HEADERS = ['authorization', 'cookie', 'user-agent'] as const;

/** HTTP status of a failed invoice read: not signed in is 401; anything the caller may not see is 404. */
function statusOf(code: unknown): number {
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'BAD_USER_INPUT') return 404;
  return 500;
}

/**
 * `GET /invoices/:id.pdf`: the printable tax invoice. The invoice is read by running
 * `query { invoice(id) }` through the gateway's own GraphQL route as the caller (their
 * credentials, IP and request id), so the same authentication, context and
 * authorisation apply: a caller who may not read it gets 404, an anonymous one 401.
 */
export function registerInvoicePdfRoute(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>('/invoices/:id.pdf', async (request, reply) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': request.id };
    for (const name of FORWARDED_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (!headers.authorization && !headers.cookie) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers,
      remoteAddress: request.ip,
      payload: JSON.stringify({ query: INVOICE_QUERY, variables: { id: request.params.id } }),
    });
    const body = response.json() as { data?: { invoice?: InvoiceDocument } | null; errors?: { extensions?: { code?: string } }[] };
    const invoice = body.data?.invoice;
    if (!invoice) {
      const code = body.errors?.[0]?.extensions?.code ?? (response.statusCode === 401 ? 'UNAUTHENTICATED' : undefined);
      const status = statusOf(code);
      return reply.code(status).send({ error: status === 404 ? 'NOT_FOUND' : (code ?? 'INTERNAL_SERVER_ERROR') });
    }
    const pdf = await renderInvoicePdf(invoice);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="invoice-${invoice.number.replace(/\//g, '-')}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
