/** Unit and integration tests (Node). The real-browser suite lives in test/browser and runs separately. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
  // The default report, then one line per suite skipped for want of ../shared/seeds (test/support/seeds.ts).
  reporters: ["default", "<rootDir>/test/support/seeds-reporter.js"],
  setupFiles: ["<rootDir>/test/support/custom-functions-runtime.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { module: "commonjs", sourceMap: true }, diagnostics: { warnOnly: false } }],
  },
};
