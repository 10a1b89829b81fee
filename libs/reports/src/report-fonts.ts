import { readFileSync } from 'node:fs';

// The PDF's fonts, embedded (subset) in every file: DejaVu, from the dejavu-fonts-ttf package. The
// standard PDF fonts are not embedded, and a court's filing system may render them otherwise.

const ttf = (file: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

export const REPORT_FONTS = {
  regular: { name: 'DejaVuSans', file: ttf('DejaVuSans.ttf') },
  bold: { name: 'DejaVuSans-Bold', file: ttf('DejaVuSans-Bold.ttf') },
  italic: { name: 'DejaVuSans-Oblique', file: ttf('DejaVuSans-Oblique.ttf') },
  mono: { name: 'DejaVuSansMono', file: ttf('DejaVuSansMono.ttf') },
} as const;

const loaded = new Map<string, Buffer>();

/** The font file's bytes, read once per thread: pdfkit parses a Buffer without going back to the disk. */
export const fontBytes = (file: string): Buffer => {
  let bytes = loaded.get(file);
  if (bytes === undefined) loaded.set(file, (bytes = readFileSync(file)));
  return bytes;
};
