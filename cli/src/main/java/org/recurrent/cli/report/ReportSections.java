package org.recurrent.cli.report;

import java.util.ArrayList;
import java.util.List;

/** The sections of a report, in page order; {@link #standard()} is what {@code recurrent report} draws. */
public record ReportSections(List<ReportSection> sections) {
  public ReportSections {
    sections = List.copyOf(sections);
  }

  /** Every built-in section, in page order. */
  public static ReportSections standard() {
    return new ReportSections(List.of(
        new SummarySection(),
        new ComparisonSection(),
        new LossCurvesSection(),
        new ValidationCurvesSection(),
        new LearningRateSection(),
        new GradientNormSection(),
        new ConfusionMatrixSection(),
        new RocPrSection(),
        new CalibrationSection(),
        new ForecastSection(),
        new SamplesSection(),
        new AttentionSection(),
        new GradientFlowSection(),
        new ProvenanceSection()));
  }

  /** These sections and {@code section} after them. */
  public ReportSections with(ReportSection section) {
    List<ReportSection> all = new ArrayList<>(sections);
    all.add(section);
    return new ReportSections(all);
  }
}
