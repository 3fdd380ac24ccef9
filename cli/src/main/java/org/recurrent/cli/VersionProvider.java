package org.recurrent.cli;

import org.recurrent.kernel.KernelProvider;
import picocli.CommandLine;

/** Version, JDK, the kernels chosen at start-up and the heap limit. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = RecurrentCommand.class.getPackage().getImplementationVersion();
    return new String[] {
        "recurrent " + (v == null ? "dev" : v),
        "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        "kernels: " + KernelProvider.get().name(),
        heap(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
            Runtime.getRuntime().maxMemory())
    };
  }

  /** The heap limit as set (the last -Xmx, which the launcher takes from RECURRENT_HEAP) and as usable. */
  static String heap(java.util.List<String> jvmArguments, long maxMemory) {
    String xmx = null, young = null;
    for (String a : jvmArguments) {
      if (a.startsWith("-Xmx")) xmx = a;
      if (a.startsWith("-XX:MaxNewSize=")) young = a.substring("-XX:MaxNewSize=".length());
    }
    return "heap: " + (xmx != null ? xmx : "the JVM's default limit") + ", " + org.recurrent.io.MemoryBudget.size(maxMemory) + " usable"
        + (young != null ? ", young generation at most " + young : "")
        + " (./recurrent sets -Xmx from RECURRENT_HEAP, default 1g)";
  }
}
