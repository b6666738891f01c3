package in.bontonsoftwares.deploymentrequest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of processes from Linux's /proc (user + system), for the CPU a request costs each part
 * of a cluster.
 */
final class Cpu {

  /** Linux reports in clock ticks of 1/100 s on every platform Java runs on here (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100;

  private Cpu() {}

  /** Total CPU seconds of the processes that exist; ended ones count 0. */
  static double seconds(List<Long> pids) {
    double total = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name "(...)": state is field 3, utime 14, stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        total += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
      } catch (IOException | RuntimeException gone) {
        // the process ended in between
      }
    }
    return total;
  }

  /**
   * The processes whose command name is {@code name} (PostgreSQL's server and its backends:
   * "postgres").
   */
  static List<Long> processesNamed(String name) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      processes
          .filter(dir -> dir.getFileName().toString().matches("\\d+"))
          .forEach(
              dir -> {
                try {
                  if (Files.readString(dir.resolve("comm")).strip().equals(name)) {
                    pids.add(Long.parseLong(dir.getFileName().toString()));
                  }
                } catch (IOException gone) {
                  // ended in between
                }
              });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return pids;
  }
}
