/**
 * {@code recurrent report}: a finished run's files (events, metrics, provenance, its held-out predictions recomputed)
 * as one self-contained HTML page with every chart also written as PNG. Each part of the page is a
 * {@link org.recurrent.cli.report.ReportSection} in {@link org.recurrent.cli.report.ReportSections#standard()}, which
 * says itself whether the run has what it shows; a new section is one class plus one line there
 * (docs/reports.md).
 */
package org.recurrent.cli.report;
