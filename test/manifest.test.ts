/** manifest.xml validated offline against Microsoft's XSDs (schemas/office-addin-manifest). */
import { readFileSync } from "fs";
import path from "path";
import { validateManifestXml } from "../scripts/manifest-validation";

const manifest = readFileSync(path.resolve(__dirname, "..", "manifest.xml"), "utf8");

describe("manifest.xml", () => {
  test("is valid against OfficeAppManifestV1_1.xsd", async () => {
    const result = await validateManifestXml(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test("declares the shared runtime, the AIC namespace and the taskpane button", () => {
    expect(manifest).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    expect(manifest).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long"\/>/);
    expect(manifest).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="AIC"\/>/);
    // Functions, commands and taskpane all load in the one shared-runtime page.
    expect(manifest).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(manifest).toMatch(/<FunctionFile resid="Taskpane.Url"\/>/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  test("points SupportUrl at the help page, in Chinese for a zh-CN Office (issue 13)", () => {
    expect(manifest).toMatch(/<SupportUrl DefaultValue="https:\/\/localhost:3000\/help\.html\?lang=en">\s*<Override Locale="zh-CN" Value="https:\/\/localhost:3000\/help\.html\?lang=zh"\/>\s*<\/SupportUrl>/);
  });

  test.each([
    ["an element in the wrong place", manifest.replace("<ProviderName>", "<Bogus/><ProviderName>")],
    ["a missing required element", manifest.replace(/<Id>[^<]*<\/Id>/, "")],
    ["a malformed Version", manifest.replace("<Version>0.1.0.0</Version>", "<Version>one</Version>")],
    ["a Runtime lifetime outside the schema", manifest.replace('lifetime="long"', 'lifetime="forever"')],
    ["unclosed XML", manifest.replace("</OfficeApp>", "")],
  ])("a broken manifest fails: %s", async (_label, broken) => {
    expect(broken).not.toBe(manifest);
    const result = await validateManifestXml(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
