export { findChromium, CHROMIUM_INSTALL_HINT, SYSTEM_CHROMIUM_PATHS, type ChromiumLookup } from './chromium';
export {
  PdfBrowserPool,
  POOL_CHROMIUM_ARGS,
  DEFAULT_FOOTER_TEMPLATE,
  DEFAULT_HEADER_TEMPLATE,
  type PdfBrowserPoolOptions,
  type PdfRenderOptions,
  type PdfPoolStats,
  type PdfPoolEvent,
  type PdfMargin,
} from './browser-pool';
export { AdmissionGate, type AdmissionKeys, type AdmissionShares } from './admission-gate';
export { PdfError, PdfBusyError, PdfTimeoutError, PdfUnavailableError, PdfRenderError, type PdfErrorCode } from './errors';
