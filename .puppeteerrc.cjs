/**
 * Puppeteer must never download a browser at install time: the registries reachable from our
 * machines and CI do not serve browser builds, and a failed download fails the whole `npm install`.
 * Chromium is found at run time instead (see src/reports/pdf/chromium.ts).
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
};
