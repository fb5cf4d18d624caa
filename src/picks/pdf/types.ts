/**
 * Text of a PDF as positioned items, the input of the layout code in this folder. Pure data, in PDF
 * user-space units (points, origin at the page's bottom left, y up), so the layout never sees pdf.js:
 * src/picks/pdf/extract.ts converts pdf.js's text content (transform [a b c d e f]: e, f = the baseline
 * origin) into these.
 */

export interface PdfTextItem {
  /** The text as the PDF maps it (before glyph normalisation). */
  str: string;
  /** Left edge of the item's baseline. */
  x: number;
  /** Baseline, measured up from the bottom of the page. */
  y: number;
  /** Advance width of the whole item. */
  width: number;
  /** Font size (the glyphs' em height); 0 when the PDF gives none. */
  height: number;
  fontName?: string;
}

export interface PdfPageText {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}
