/** Unit and integration tests (Node). The real-browser suite lives in test/browser and runs separately. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
  // The default report, then one line per suite skipped for want of ../shared/seeds (test/support/seeds.ts).
  reporters: ["default", "<rootDir>/test/support/seeds-reporter.js"],
  setupFiles: ["<rootDir>/test/support/custom-functions-runtime.ts"],
  // On a 2-core machine jest runs every file in one worker; what the 50,000-row refresh and PDF suites
  // leave on its heap made later files garbage-collect for seconds (a 1 s hang guard tripped at 4 s).
  // A worker over this much memory between files is replaced by a fresh one.
  workerIdleMemoryLimit: "1GB",
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { module: "commonjs", sourceMap: true }, diagnostics: { warnOnly: false } }],
  },
};
