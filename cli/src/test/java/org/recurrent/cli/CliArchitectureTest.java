package org.recurrent.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command line's place: it may use anything in core (core's own layering is checked by core's
 * {@code org.recurrent.ArchitectureTest}, which also checks that core never uses the CLI), but never the benchmarks.
 */
@AnalyzeClasses(packages = "org.recurrent.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

  @ArchTest
  static final ArchRule cliNeverUsesBench = noClasses()
      .should().dependOnClassesThat().resideInAPackage("org.recurrent.bench..")
      .because("the benchmarks are never shipped: the recurrent jar must run without them");
}
