package io.signalbox.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Signalbox service's JVM needs beside its heap, and how much of a container's memory its flags leave for
 * it. Measured on the gateway under saturation (docs/benchmarks.md, "Where the gateway's memory goes"): metaspace
 * and class metadata 86 MB, code cache 69 MB, symbols 16 MB, the CDS archive 14 MB, threads and the rest 19 MB,
 * and about 60 MB the JVM does not track (mapped files, the C allocator): about 264 MB, 252 MiB. A heap allowed to
 * grow past the rest of the limit gets the container killed by the kernel, with no OutOfMemoryError to log.
 */
final class JvmMemory {

    static final long BESIDE_THE_HEAP_MIB = 256;

    private static final Pattern PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");

    private static final Pattern QUANTITY = Pattern.compile("(\\d+)(m|g|Mi|Gi)");

    private JvmMemory() {
    }

    /** MiB of a memory limit that the heap may not take, under the given {@code JAVA_TOOL_OPTIONS}. */
    static long besideTheHeapMib(String javaToolOptions, String memoryLimit) {
        Matcher percentage = PERCENTAGE.matcher(javaToolOptions);
        if (!percentage.find()) {
            throw new AssertionError("no -XX:MaxRAMPercentage in " + javaToolOptions);
        }
        Matcher quantity = QUANTITY.matcher(memoryLimit);
        if (!quantity.matches()) {
            throw new AssertionError("not a memory quantity: " + memoryLimit);
        }
        long mib = Long.parseLong(quantity.group(1)) * (quantity.group(2).startsWith("g")
                || quantity.group(2).startsWith("G") ? 1024 : 1);
        double heapShare = Double.parseDouble(percentage.group(1)) / 100;
        return (long) Math.floor(mib * (1 - heapShare));
    }
}
