import pdfParse from 'pdf-parse/lib/pdf-parse.js';

/**
 * The text of a PDF, page after page, as pdf-parse reads it. Its bundled pdf.js v2.0.550 reads
 * the cross-reference tables pdfkit writes; the older ones it bundles (its default) do not.
 */
export const pdfText = async (pdf: Buffer): Promise<{ text: string; pages: number }> => {
  const { text, numpages } = await pdfParse(pdf, { version: 'v2.0.550' });
  return { text, pages: numpages };
};
