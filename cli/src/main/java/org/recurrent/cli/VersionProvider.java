package org.recurrent.cli;

import org.recurrent.kernel.KernelProvider;
import picocli.CommandLine;

/** Version, JDK, the kernels chosen at start-up, the heap limit and the garbage collector. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = RecurrentCommand.class.getPackage().getImplementationVersion();
    return new String[] {
        "recurrent " + (v == null ? "dev" : v),
        "JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        "kernels: " + KernelProvider.get().name(),
        heap(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
            Runtime.getRuntime().maxMemory()),
        collector(java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(java.lang.management.GarbageCollectorMXBean::getName).toList())
    };
  }

  /**
   * The collector running, named from its memory managers' names (HotSpot's: "Copy" and "MarkSweepCompact" for the
   * serial collector, "PS Scavenge" and "PS MarkSweep" for the parallel one), with the launcher's rule beside it.
   */
  static String collector(java.util.List<String> managerNames) {
    String name;
    if (managerNames.contains("Copy")) name = "serial";
    else if (managerNames.contains("PS Scavenge")) name = "parallel";
    else if (managerNames.stream().anyMatch(n -> n.startsWith("G1 "))) name = "G1";
    else name = managerNames.isEmpty() ? "unknown" : String.join(" + ", managerNames);
    return "collector: " + name + " (./recurrent: serial up to a 1 GiB heap, parallel above; a -XX:+Use...GC in "
        + "RECURRENT_JAVA_OPTS replaces it)";
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
