/**
 * The live training page: a read-only HTTP server on the loopback interface that shows a run's
 * {@code events.jsonl} as it grows ({@code recurrent train --dashboard}, {@code recurrent dashboard --run DIR}).
 * The page's files are resources of this package; its chart library (uPlot) comes from its webjar on the class path.
 * See docs/dashboard.md.
 */
package org.recurrent.cli.dashboard;
