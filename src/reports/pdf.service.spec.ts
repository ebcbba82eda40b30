import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/configuration';
import { pdfConfig } from '../config/slices';
import { PdfBusyError, PdfUnavailableError } from './pdf';
import { PdfService } from './pdf.service';

describe('PdfService', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pdf-service-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const service = (env: Record<string, string>) =>
    new PdfService(pdfConfig(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: 'test-secret-test-secret-test-secret-0123', ...env })));

  it('admits as many reports as the pool has pages, with the pool’s queue limit, without a browser', async () => {
    const pdf = service({ PDF_POOL_PAGES: '1', PDF_MAX_QUEUE: '0', PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
    let done!: () => void;
    const first = pdf.admit(() => new Promise<void>((r) => (done = r)));
    await expect(pdf.admit(() => Promise.resolve('second'))).rejects.toBeInstanceOf(PdfBusyError);
    done();
    await first;
    await expect(pdf.admit(() => Promise.resolve('third'))).resolves.toBe('third');
    expect(pdf.stats()).toBeNull(); // no pool was created
    await pdf.onModuleDestroy();
  });

  it('answers PdfUnavailableError with the lookup’s explanation when there is no browser', async () => {
    const pdf = service({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
    await expect(pdf.render('<p>x</p>')).rejects.toBeInstanceOf(PdfUnavailableError);
    await expect(pdf.render('<p>x</p>')).rejects.toThrow('/nonexistent/chromium');
    await pdf.onModuleDestroy();
    await expect(pdf.render('<p>x</p>')).rejects.toThrow('PDF renderer has been stopped');
  });
});
