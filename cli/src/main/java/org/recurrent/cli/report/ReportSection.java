package org.recurrent.cli.report;

import java.io.IOException;
import java.util.List;

/**
 * One part of a report: a heading, text, tables and charts, drawn from what a run has. A section decides from the
 * run's files and predictions whether it applies (a confusion matrix needs class predictions, a heatmap needs
 * {@code attention.json}), never from the task's name, so that a new task with class outputs gets the class
 * sections without a change here.
 *
 * <p>Adding a section: implement this, add it to {@link ReportSections#standard()} in page order, and describe it
 * (with the file it reads, if any) in docs/reports.md.
 */
public interface ReportSection {

  /** The section's heading (also its anchor in the page's contents). */
  String title();

  /**
   * Whether the report has this section.
   *
   * @param run      the run reported on
   * @param compared the runs given with {@code --compare} (empty without)
   */
  boolean appliesTo(RunFiles run, List<RunFiles> compared);

  /** Writes the section's body (the heading is the page's) into {@code page}. */
  void write(RunFiles run, List<RunFiles> compared, ReportPage page) throws IOException;
}
