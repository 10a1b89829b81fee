declare module 'pdf-parse/lib/pdf-parse.js' {
  interface PdfParseResult {
    readonly numpages: number;
    readonly text: string;
    readonly info: Record<string, unknown>;
  }
  const pdfParse: (data: Buffer, options?: { version?: string; max?: number }) => Promise<PdfParseResult>;
  export default pdfParse;
}
