package com.liqengine.margin;

/** Times MarginMath.crossTotals of the 50-position account alone, and the fill, in CpuTimeFill's book. */
public final class TotalsTiming
{
    public static void main(final String[] args) throws Exception
    {
        final Class<?> fill = Class.forName("CpuTimeFill");
        fill.getMethod("setup", int.class, int.class, boolean.class).invoke(null, 100000, 1024, true);
        final java.lang.reflect.Field f = fill.getDeclaredField("engine"); f.setAccessible(true); final MarginStateMachine engine = (MarginStateMachine)f.get(null);
        final int account = engine.accounts.indexOf(Long.MAX_VALUE - 2);
        final java.lang.reflect.Method block = fill.getMethod("block", int.class);
        for (int round = 0; round < 8; round++)
        {
            long sum = 0;
            final java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            final long t0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < 1_000_000; i++)
            {
                engine.math.crossTotals(account);
                sum += engine.math.crossEquity.clamped();
            }
            final long t1 = bean.getCurrentThreadCpuTime();
            final long[] r = (long[])block.invoke(null, 1_000_000);
            System.out.printf("crossTotals %.1f ns, fill %.1f ns (%d)%n", (t1 - t0) / 1e6, r[1] / 1e6, sum & 1);
        }
    }
}
