/** The committed standalone schema validators are exactly what the schemas compile to today. */
import { readFileSync } from "fs";
import { VALIDATORS_PATH, validatorSource } from "../../scripts/build-validators";

test("src/picks/generated/schemaValidators.js is up to date with the JSON Schemas (npm run validators regenerates it)", () => {
  expect(readFileSync(VALIDATORS_PATH, "utf8")).toBe(validatorSource());
});

test("the generated validators need no eval: no Function constructor in them", () => {
  const source = readFileSync(VALIDATORS_PATH, "utf8");
  expect(source).not.toMatch(/new Function|\beval\(/);
});
