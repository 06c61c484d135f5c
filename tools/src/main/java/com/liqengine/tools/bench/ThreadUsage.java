package com.liqengine.tools.bench;

/**
 * What the Linux kernel accounted to one thread (its {@code /proc/self/task/TID} files), or the difference of two
 * readings: the evidence of where a tail comes from that a latency histogram cannot give. Time spent runnable but
 * waiting for a core ({@code runQueueNanos}) is scheduling; involuntary switches are preemptions; minor faults on
 * a thread that writes mapped queue files are pages of those files touched for the first time.
 *
 * @param name the thread's name as the kernel keeps it (at most 15 characters).
 * @param cpuNanos time on a core.
 * @param runQueueNanos time runnable, waiting for a core.
 * @param voluntarySwitches times it gave up its core (parked, slept, yielded, blocked).
 * @param involuntarySwitches times the scheduler took its core away.
 * @param minorFaults page faults served without I/O.
 * @param majorFaults page faults that waited for I/O.
 */
record ThreadUsage(
    String name,
    long cpuNanos,
    long runQueueNanos,
    long voluntarySwitches,
    long involuntarySwitches,
    long minorFaults,
    long majorFaults)
{
    /**
     * @param earlier a reading of the same thread taken before this one.
     * @return what happened between the two.
     */
    ThreadUsage since(final ThreadUsage earlier)
    {
        return new ThreadUsage(name, cpuNanos - earlier.cpuNanos, runQueueNanos - earlier.runQueueNanos,
            voluntarySwitches - earlier.voluntarySwitches, involuntarySwitches - earlier.involuntarySwitches,
            minorFaults - earlier.minorFaults, majorFaults - earlier.majorFaults);
    }
}
