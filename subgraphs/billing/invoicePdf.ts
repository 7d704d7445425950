import PDFDocument from 'pdfkit';

/** An invoice as the graph answers it (the selection `INVOICE_DOCUMENT_FIELDS`). */
export interface InvoiceDocument {
  number: string;
  issueDate: string;
  supplierKind: 'CLINIC' | 'PLATFORM';
  supplier: { name: string; address: string; gstin: string | null; stateCode: string; stateName: string };
  recipient: { name: string; address: string; gstin: string | null; stateCode: string; stateName: string };
  placeOfSupply: { stateCode: string; stateName: string };
  reverseCharge: boolean;
  taxKind: 'CGST_SGST' | 'IGST';
  lines: {
    position: number;
    sacCode: string;
    description: string;
    quantity: number;
    unitPricePaise: number;
    taxablePaise: number;
    gstRate: number;
    exempt: boolean;
    cgstPaise: number;
    sgstPaise: number;
    igstPaise: number;
    totalPaise: number;
  }[];
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  totalPaise: number;
}

/** The GraphQL selection that fills an InvoiceDocument. */
export const INVOICE_DOCUMENT_FIELDS = /* GraphQL */ `
  number issueDate supplierKind reverseCharge taxKind
  supplier { name address gstin stateCode stateName }
  recipient { name address gstin stateCode stateName }
  placeOfSupply { stateCode stateName }
  lines { position sacCode description quantity unitPricePaise taxablePaise gstRate exempt cgstPaise sgstPaise igstPaise totalPaise }
  taxablePaise cgstPaise sgstPaise igstPaise totalPaise
`;

/** Paise as rupees with Indian digit grouping: 12345678 gives `Rs. 1,23,456.78`. */
export function formatRupees(paise: number): string {
  const rupees = Math.floor(paise / 100).toString();
  const last3 = rupees.slice(-3);
  const rest = rupees.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `Rs. ${rest ? `${rest},${last3}` : last3}.${String(paise % 100).padStart(2, '0')}`;
}

const COLUMNS = [
  { title: '#', x: 40, width: 16 },
  { title: 'SAC', x: 56, width: 40 },
  { title: 'Description', x: 96, width: 150 },
  { title: 'Qty', x: 246, width: 26, right: true },
  { title: 'Taxable value', x: 272, width: 70, right: true },
  { title: 'Rate', x: 342, width: 34, right: true },
  { title: 'CGST', x: 376, width: 56, right: true },
  { title: 'SGST', x: 432, width: 56, right: true },
  { title: 'IGST', x: 488, width: 64, right: true },
] as const;

/**
 * A printable GST tax invoice with every rule 46 field: supplier name, address and
 * GSTIN; number and date; recipient name, address and GSTIN when registered; place
 * of supply with State name and code; reverse charge; per line SAC, description,
 * quantity, taxable value, rate and CGST + SGST or IGST (exempt lines at 0 %); totals.
 * Streams are left uncompressed so the text can be checked in tests and archives.
 */
export function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, compress: false, info: { Title: `Tax invoice ${invoice.number}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text('TAX INVOICE', { align: 'center' });
  doc.moveDown(0.5).fontSize(11).text(invoice.supplier.name);
  doc.font('Helvetica').fontSize(9).text(invoice.supplier.address);
  doc.text(`GSTIN: ${invoice.supplier.gstin ?? ''}    State: ${invoice.supplier.stateName} (${invoice.supplier.stateCode})`);
  doc.moveDown();
  doc.text(`Invoice number: ${invoice.number}`);
  doc.text(`Invoice date: ${invoice.issueDate}`);
  doc.text(`Place of supply: ${invoice.placeOfSupply.stateName} (${invoice.placeOfSupply.stateCode})`);
  doc.text(`Reverse charge: ${invoice.reverseCharge ? 'Yes' : 'No'}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Billed to');
  doc.font('Helvetica').text(invoice.recipient.name);
  doc.text(invoice.recipient.address);
  doc.text(`State: ${invoice.recipient.stateName} (${invoice.recipient.stateCode})`);
  if (invoice.recipient.gstin) doc.text(`GSTIN: ${invoice.recipient.gstin}`);
  doc.moveDown();

  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let bottom = y;
    COLUMNS.forEach((column, i) => {
      doc.text(cells[i] ?? '', column.x, y, { width: column.width, align: 'right' in column ? 'right' : 'left' });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = 40;
    doc.y = bottom + 4;
  };
  row(COLUMNS.map((c) => c.title), true);
  for (const line of invoice.lines) {
    row([
      String(line.position),
      line.sacCode,
      line.exempt ? `${line.description} (exempt)` : line.description,
      String(line.quantity),
      formatRupees(line.taxablePaise),
      `${line.gstRate} %`,
      formatRupees(line.cgstPaise),
      formatRupees(line.sgstPaise),
      formatRupees(line.igstPaise),
    ]);
  }
  row(['', '', 'Total', '', formatRupees(invoice.taxablePaise), '', formatRupees(invoice.cgstPaise), formatRupees(invoice.sgstPaise), formatRupees(invoice.igstPaise)], true);
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(11).text(`Invoice total: ${formatRupees(invoice.totalPaise)}`, 40, doc.y, { align: 'right' });
  doc.font('Helvetica').fontSize(8).moveDown(0.5);
  doc.text(invoice.taxKind === 'IGST' ? 'Inter-State supply: IGST.' : 'Intra-State supply: CGST + SGST.', 40);
  if (invoice.lines.some((line) => line.exempt)) {
    doc.text('Exempt lines: healthcare services by a clinical establishment, Notification 12/2017-Central Tax (Rate).');
  }
  doc.moveDown(2).text(`For ${invoice.supplier.name}`, { align: 'right' });
  doc.moveDown(2).text('Authorised signatory', { align: 'right' });
  doc.end();
  return done;
}
