package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/**
 * Runs only in the {@code scalar-kernels} surefire execution of core/pom.xml (the default execution excludes
 * it), which repeats the numerical test packages with {@code -Drecurrent.kernels=scalar}. It fails when that
 * run is in fact on the vector kernels: the property was dropped from the execution, or the provider ignored it.
 * Then the second run would silently repeat the first.
 */
class ScalarKernelRunTest {

  @Test
  void theScalarRunUsesTheScalarKernels() {
    assertEquals("scalar", System.getProperty("recurrent.kernels"),
        "this class belongs to the scalar-kernels execution, which sets -Drecurrent.kernels=scalar");
    assertInstanceOf(ScalarKernels.class, KernelProvider.get(), KernelProvider.description());
    assertEquals("scalar", KernelProvider.get().name());
  }
}
