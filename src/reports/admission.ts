/**
 * Admission for report work. A PDF report computes its data (statements, exit quotes: CPU on the
 * event loop) and then waits for a warm page. Without a gate, every report request computes its data
 * at once and only then queues for a page, so a burst of reports keeps the event loop busy and every
 * other request waits behind it. The gate admits as many reports as the pool has pages, queues a
 * bounded number more (FIFO, with a timeout) and refuses the rest at once with PdfBusyError (429)
 * before any work is done.
 *
 * It is the PDF path's one gate, AdmissionGate (./pdf/admission-gate), which the pool also uses for
 * its pages; PdfService.admit runs work through an instance built from the pool's own limits.
 */
export { AdmissionGate as Admission } from './pdf/admission-gate';
