// The PDF's fonts, embedded (subset) in every file: DejaVu, from the dejavu-fonts-ttf package. The
// standard PDF fonts are not embedded, and a court's filing system may render them otherwise.

const ttf = (file: string): string => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

export const REPORT_FONTS = {
  regular: { name: 'DejaVuSans', file: ttf('DejaVuSans.ttf') },
  bold: { name: 'DejaVuSans-Bold', file: ttf('DejaVuSans-Bold.ttf') },
  italic: { name: 'DejaVuSans-Oblique', file: ttf('DejaVuSans-Oblique.ttf') },
  mono: { name: 'DejaVuSansMono', file: ttf('DejaVuSansMono.ttf') },
} as const;
