/**
 * Offline validation of manifest.xml against Microsoft's published add-in manifest XSDs
 * (schemas/office-addin-manifest, copied from ../shared/schemas). `office-addin-manifest validate`
 * needs Microsoft's web service; this needs nothing but libxml2, compiled to WebAssembly
 * (xmllint-wasm), so it runs the same on every machine and in CI without apt packages.
 */
import { promises as fs } from "fs";
import path from "path";
import { validateXML } from "xmllint-wasm";

export const SCHEMA_DIR = path.resolve(__dirname, "..", "schemas", "office-addin-manifest");
const ENTRY_SCHEMA = "OfficeAppManifestV1_1.xsd";

export interface ManifestValidation {
  valid: boolean;
  /** One line per problem, with the line number in the manifest as libxml2 reports it. */
  errors: string[];
}

export async function validateManifestXml(xml: string, fileName = "manifest.xml"): Promise<ManifestValidation> {
  const files = await fs.readdir(SCHEMA_DIR);
  const xsdNames = files.filter((f) => f.endsWith(".xsd"));
  const read = (name: string) => fs.readFile(path.join(SCHEMA_DIR, name), "utf8");
  const entry = { fileName: ENTRY_SCHEMA, contents: await read(ENTRY_SCHEMA) };
  // The entry schema imports the others by relative path; xmllint-wasm does no I/O, so preload them.
  const preload = await Promise.all(
    xsdNames.filter((n) => n !== ENTRY_SCHEMA).map(async (n) => ({ fileName: n, contents: await read(n) })),
  );
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [entry], preload });
  return {
    valid: result.valid,
    errors: result.errors.map((e) => e.rawMessage.trim()),
  };
}

async function main(): Promise<void> {
  const target = process.argv[2] ?? path.resolve(__dirname, "..", "manifest.xml");
  const result = await validateManifestXml(await fs.readFile(target, "utf8"), path.basename(target));
  if (result.valid) {
    console.log(`${target}: valid against ${ENTRY_SCHEMA}`);
  } else {
    console.error(`${target}: INVALID\n${result.errors.join("\n")}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  void main();
}
