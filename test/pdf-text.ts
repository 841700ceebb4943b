// Reads a PDF's text back the way a viewer does (Mozilla's pdf.js): what a person would see
// and copy, so tests check a receipt's words, accents and currency symbols, not its bytes.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Every page's text, one line per text run, pages separated by a form feed. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await pdf.destroy();
  return pages.join('\f');
}
