package org.recurrent;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Which packages of core may use which: the layering of {@code docs/testing.md}, checked on the compiled main
 * classes (test code may reach anywhere).
 *
 * <p>The layers, lowest first. The engine is a chain in which each layer may use any layer below it:
 * <pre>{@code
 * kernel <- tensor <- autograd <- ops, rnn <- nn (+ nn.init)
 * }</pre>
 * beside it the leaves {@code loss} (ops, autograd, tensor), {@code optim} (tensor), {@code io} (tensor),
 * {@code metrics} (nothing of ours), {@code baselines} (metrics) and {@code data} with its readers (io, tensor);
 * above them the orchestration, each with an explicit list: {@code models}, {@code tasks}, {@code config},
 * {@code pipeline}, {@code eval}, {@code train}, and {@code run} at the top, which may use everything and which
 * nothing uses.
 *
 * <p>Where today's code breaks this plan, the rule stays as planned and the dependency is listed once in
 * {@link #KNOWN_VIOLATIONS}, class to class, with the reason it exists and how it would go away. The same list
 * is ignored by the layer rule and the cycle rule, and {@link #everyKnownViolationStillOccurs} fails as soon as
 * one is no longer needed, so the list only shrinks: when you fix one, delete its line.
 */
@AnalyzeClasses(packages = "org.recurrent", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** One dependency that breaks the layering today: {@code origin} (and its nested classes) uses {@code target}. */
  record KnownViolation(String origin, String target, String why) {}

  private static final String P = "org.recurrent.";

  /** Today's breaches of the layering, each removable; see the class comment. */
  static final List<KnownViolation> KNOWN_VIOLATIONS = List.of(
      // tensor <-> autograd, PyTorch-style: a Tensor holds its grad_fn and has backward().
      new KnownViolation(P + "tensor.Tensor", P + "autograd.Node",
          "Tensor stores the Node that produced it (grad_fn); goes away if the slot's type is declared in tensor"),
      new KnownViolation(P + "tensor.Tensor", P + "autograd.Autograd",
          "Tensor.backward() calls Autograd.backward; goes away if backward is only Autograd.backward(tensor)"));

  @ArchTest
  static final ArchRule layers = ignoringKnownViolations(layeredArchitecture()
      .consideringOnlyDependenciesInAnyPackage("org.recurrent..")
      .ensureAllClassesAreContainedInArchitecture()
      .layer("kernel").definedBy("org.recurrent.kernel..")
      .layer("tensor").definedBy("org.recurrent.tensor..")
      .layer("autograd").definedBy("org.recurrent.autograd..")
      .layer("ops").definedBy("org.recurrent.ops..")
      .layer("rnn").definedBy("org.recurrent.rnn..")
      .layer("nn").definedBy("org.recurrent.nn..")
      .layer("loss").definedBy("org.recurrent.loss..")
      .layer("optim").definedBy("org.recurrent.optim..")
      .layer("io").definedBy("org.recurrent.io..")
      .layer("metrics").definedBy("org.recurrent.metrics..")
      .layer("data").definedBy("org.recurrent.data..")
      .layer("baselines").definedBy("org.recurrent.baselines..")
      .layer("models").definedBy("org.recurrent.models..")
      .layer("tasks").definedBy("org.recurrent.tasks..")
      .layer("config").definedBy("org.recurrent.config..")
      .layer("pipeline").definedBy("org.recurrent.pipeline..")
      .layer("eval").definedBy("org.recurrent.eval..")
      .layer("train").definedBy("org.recurrent.train..")
      .layer("run").definedBy("org.recurrent.run..")
      // the engine chain
      .whereLayer("kernel").mayNotAccessAnyLayer()
      .whereLayer("tensor").mayOnlyAccessLayers("kernel")
      .whereLayer("autograd").mayOnlyAccessLayers("tensor", "kernel")
      .whereLayer("ops").mayOnlyAccessLayers("autograd", "tensor", "kernel")
      .whereLayer("rnn").mayOnlyAccessLayers("autograd", "tensor", "kernel")
      // layers compose ops and fused sequence ops, so every kernel call they make is recorded on the tape
      .whereLayer("nn").mayOnlyAccessLayers("ops", "rnn", "autograd", "tensor")
      // the leaves beside the engine
      .whereLayer("loss").mayOnlyAccessLayers("ops", "autograd", "tensor")
      .whereLayer("optim").mayOnlyAccessLayers("tensor")
      .whereLayer("io").mayOnlyAccessLayers("tensor")
      .whereLayer("metrics").mayNotAccessAnyLayer()
      .whereLayer("data").mayOnlyAccessLayers("io", "tensor")
      // classical baselines on feature vectors (ROC-AUC for tuning); tasks may build on them
      .whereLayer("baselines").mayOnlyAccessLayers("metrics")
      // the orchestration, each with an explicit list; run is in none of them, so nothing in core uses run.
      // models has no loss today: a model kind that computes its own step loss adds "loss" here on purpose.
      .whereLayer("models").mayOnlyAccessLayers("nn", "ops", "rnn", "autograd", "tensor", "io", "data")
      // tasks know data and the losses and metrics, never a model kind (docs/architecture.md)
      .whereLayer("tasks").mayOnlyAccessLayers("data", "loss", "metrics", "baselines", "ops", "tensor")
      // config records build the objects they describe (OptimizerConfig.build(List<Tensor>) an optimizer)
      .whereLayer("config").mayOnlyAccessLayers("tasks", "models", "data", "optim", "tensor")
      .whereLayer("pipeline").mayOnlyAccessLayers("config", "tasks", "models", "data", "io")
      // the evaluation path runs models under no-grad, carries their recurrent state and writes prediction files
      .whereLayer("eval").mayOnlyAccessLayers("pipeline", "tasks", "models", "data", "metrics", "nn", "ops",
          "autograd", "tensor", "io")
      // the trainer handles any model as an nn.Module and carries its recurrent state between chunks
      .whereLayer("train").mayOnlyAccessLayers(
          "eval", "tasks", "models", "data", "optim", "metrics", "nn", "autograd", "tensor", "io")
      .whereLayer("run").mayOnlyAccessLayers("kernel", "tensor", "autograd", "ops", "rnn", "nn", "loss", "optim",
          "io", "metrics", "data", "baselines", "models", "tasks", "config", "pipeline", "eval", "train"))
      .because("each package builds only on the packages below it, so the engine can be read, tested and reused"
          + " without the orchestration, and the orchestration can be redesigned without touching the engine"
          + " (exceptions: ArchitectureTest.KNOWN_VIOLATIONS)");

  @ArchTest
  static final ArchRule topLevelPackagesAreFreeOfCycles = ignoringKnownViolations(
      slices().matching("org.recurrent.(*)..").should().beFreeOfCycles())
      .because("packages in a cycle can only be understood, tested and changed together"
          + " (exceptions: ArchitectureTest.KNOWN_VIOLATIONS)");

  @ArchTest
  static final ArchRule onlyTheVectorKernelsUseTheVectorApi = noClasses()
      .that(not(classOrNested(P + "kernel.VectorKernels").or(classOrNested(P + "kernel.VectorGemm"))
          .or(classOrNested(P + "kernel.VectorMath")).or(classOrNested(P + "kernel.MicroKernels")))
          .as("are not VectorKernels, VectorGemm, MicroKernels, VectorMath or nested in them"))
      .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
      .because("the incubating Vector API stays in the four vector kernel files, so that KernelProvider can fall"
          + " back to ScalarKernels when the module is missing and an API change touches one place");

  @ArchTest
  static final ArchRule coreNeverUsesCliOrBench = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("org.recurrent.cli..", "org.recurrent.bench..")
      .because("core is the library: the command line and the benchmarks are built on it, never the other way");

  @ArchTest
  static final ArchRule dataBasicsDoNotKnowTheReaders = noClasses()
      .that().resideInAPackage("org.recurrent.data")
      .should().dependOnClassesThat(DescribedPredicate.describe("reside in a subpackage of org.recurrent.data",
          c -> c.getPackageName().startsWith("org.recurrent.data.")))
      .because("data holds what every input kind shares (datasets, batches, CSV/JSONL readers); the text and"
          + " time-series readers build on it, so adding an input kind never changes data itself");

  @ArchTest
  static final ArchRule dataReaderPackagesAreIndependent = slices().matching("org.recurrent.data.(*)..")
      .should().notDependOnEachOther()
      .because("data.text and data.timeseries share only what is in data, so each input kind is one package"
          + " that can be read and changed alone");

  @ArchTest
  static final ArchRule initializersDoNotKnowTheLayers = noClasses()
      .that().resideInAPackage("org.recurrent.nn.init..")
      .should().dependOnClassesThat().resideInAPackage("org.recurrent.nn")
      .because("initializers fill tensors; the layers call them, not the other way");

  /** Fails for an entry of {@link #KNOWN_VIOLATIONS} that no longer occurs, so that its line gets deleted. */
  @ArchTest
  static void everyKnownViolationStillOccurs(JavaClasses classes) {
    List<String> stale = new ArrayList<>();
    for (KnownViolation v : KNOWN_VIOLATIONS) {
      DescribedPredicate<JavaClass> origin = classOrNested(v.origin());
      DescribedPredicate<JavaClass> target = classOrNested(v.target());
      boolean occurs = classes.stream().filter(origin)
          .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
          .anyMatch(d -> target.test(d.getTargetClass()));
      if (!occurs) stale.add(v.origin() + " -> " + v.target());
    }
    if (!stale.isEmpty()) fail("These known layering violations no longer occur; delete their lines from"
        + " ArchitectureTest.KNOWN_VIOLATIONS so that the rules guard against them again: " + stale);
  }

  private static LayeredArchitecture ignoringKnownViolations(LayeredArchitecture rule) {
    for (KnownViolation v : KNOWN_VIOLATIONS) {
      rule = rule.ignoreDependency(classOrNested(v.origin()), classOrNested(v.target()));
    }
    return rule;
  }

  private static SliceRule ignoringKnownViolations(SliceRule rule) {
    for (KnownViolation v : KNOWN_VIOLATIONS) {
      rule = rule.ignoreDependency(classOrNested(v.origin()), classOrNested(v.target()));
    }
    return rule;
  }

  /** The class with this fully qualified name and its nested, local and anonymous classes. */
  private static DescribedPredicate<JavaClass> classOrNested(String name) {
    return DescribedPredicate.describe(name, c -> c.getName().equals(name) || c.getName().startsWith(name + "$"));
  }
}
