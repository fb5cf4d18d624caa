/** pdf.js's legacy ES modules, loaded lazily by the import worker; typed where they are used (extract.ts). */
declare module "pdfjs-dist/legacy/build/pdf.mjs";
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs";
