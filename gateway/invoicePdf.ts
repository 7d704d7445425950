import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { INVOICE_DOCUMENT_FIELDS, renderInvoicePdf, type InvoiceDocument } from '../subgraphs/billing/invoicePdf';
import type { GatewayContext } from './dataSource';

const INVOICE_QUERY = /* GraphQL */ `query InvoicePdf($id: ID!) { invoice(id: $id) { ${INVOICE_DOCUMENT_FIELDS} } }`;

/** HTTP status of a failed invoice read: not signed in is 401; anything the caller may not see is 404. */
function statusOf(code: unknown): number {
  if (code === 'UNAUTHENTICATED') return 401;
  if (code === 'NOT_FOUND' || code === 'FORBIDDEN') return 404;
  return 500;
}

/**
 * `GET /invoices/:id.pdf`: the printable tax invoice. The invoice is read by running
 * `query { invoice(id) }` on the gateway's Apollo Server with the context the GraphQL
 * route builds (`buildContext`), so the same authentication and authorisation apply:
 * a caller who may not read it gets 404, an anonymous or unknown one 401.
 */
export function registerInvoicePdfRoute(
  app: FastifyInstance,
  apollo: ApolloServer<GatewayContext>,
  buildContext: (request: FastifyRequest) => Promise<GatewayContext>,
): void {
  app.get<{ Params: { id: string } }>('/invoices/:id.pdf', async (request, reply) => {
    let contextValue: GatewayContext;
    try {
      contextValue = await buildContext(request);
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (code !== 'UNAUTHENTICATED') throw error;
      return reply.code(401).send({ error: code });
    }
    const response = await apollo.executeOperation<{ invoice: InvoiceDocument }>({ query: INVOICE_QUERY, variables: { id: request.params.id } }, { contextValue });
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    const invoice = result?.data?.invoice;
    if (!invoice) {
      const code = result?.errors?.[0]?.extensions?.code;
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
