package org.basinledger.benchmark;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What every workload reports besides its own numbers: wall time, the JVM's CPU time over it (as a share of all
 * cores, and operations per CPU-second, which other processes on the machine disturb much less than operations
 * per second), GC, and the machine's load average before and after.
 */
final class Measure {

    private final long startNanos;
    private final long cpuStart;
    private final LifecycleBenchmark.GcSnapshot gcStart;
    private final double loadBefore;
    private long nanos = -1;
    private long cpuNanos;
    private LifecycleBenchmark.GcSnapshot gcEnd;
    private double loadAfter;

    private Measure() {
        loadBefore = loadAverage();
        gcStart = LifecycleBenchmark.GcSnapshot.now();
        cpuStart = LifecycleBenchmark.processCpuNanos();
        startNanos = System.nanoTime();
    }

    static Measure start() {
        return new Measure();
    }

    /** Ends the window (once); answers it. */
    Measure stop() {
        if (nanos < 0) {
            nanos = System.nanoTime() - startNanos;
            cpuNanos = LifecycleBenchmark.processCpuNanos() - cpuStart;
            gcEnd = LifecycleBenchmark.GcSnapshot.now();
            loadAfter = loadAverage();
        }
        return this;
    }

    double secondsSoFar() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    /** Puts seconds, cpuUtil, per-CPU-second rate of {@code operations}, GC and load averages into {@code into}. */
    void put(Map<String, Object> into, long operations) {
        stop();
        into.put("seconds", LifecycleBenchmark.round(seconds(), 3));
        if (operations >= 0) {
            into.put("opsPerSec", LifecycleBenchmark.round(operations / seconds(), 1));
            into.put("opsPerCpuSec", LifecycleBenchmark.round(operations / Math.max(1e-9, cpuSeconds()), 1));
        }
        into.put("cpuUtil", LifecycleBenchmark.round(cpuNanos / (double) nanos
                / Runtime.getRuntime().availableProcessors(), 3));
        into.put("gcCount", gcEnd.count() - gcStart.count());
        into.put("gcMs", gcEnd.millis() - gcStart.millis());
        into.put("loadAvgBefore", LifecycleBenchmark.round(loadBefore, 2));
        into.put("loadAvgAfter", LifecycleBenchmark.round(loadAfter, 2));
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** p50, p90, p99 and max of a histogram of microseconds, in ms, as p50Ms etc. (or prefixP50Ms etc.). */
    static void putLatency(Map<String, Object> into, String prefix, Histogram latency) {
        String p = prefix.isEmpty() ? "p" : prefix + "P";
        into.put(p + "50Ms", LifecycleBenchmark.ms(latency.getValueAtPercentile(50)));
        into.put(p + "90Ms", LifecycleBenchmark.ms(latency.getValueAtPercentile(90)));
        into.put(p + "99Ms", LifecycleBenchmark.ms(latency.getValueAtPercentile(99)));
        into.put(prefix.isEmpty() ? "maxMs" : prefix + "MaxMs", LifecycleBenchmark.ms(latency.getMaxValue()));
    }

    static Histogram histogram() {
        return new Histogram(1, 3_600_000_000L, 3);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
