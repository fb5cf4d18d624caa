/**
 * The real-browser suite: the production build (dist/) served on 127.0.0.1, driven in Debian's Chromium
 * with playwright-core. Run by `npm test` after the unit tests (`npm run test:browser` alone, after a build).
 * One worker: a single headless Chromium at a time on a 2-core machine.
 */
const path = require("path");

module.exports = {
  rootDir: path.resolve(__dirname, "../.."),
  displayName: "browser",
  testEnvironment: "node",
  roots: ["<rootDir>/test/browser"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/test/browser/global-setup.ts",
  maxWorkers: 1,
  testTimeout: 30_000,
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: { module: "commonjs", sourceMap: true }, diagnostics: { warnOnly: false } }],
  },
};
