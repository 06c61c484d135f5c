package com.liqengine.perf;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputSink;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RequestRejectedDecoder;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Measures the heap an engine takes: builds one with the given capacities, defines every instrument, opens
 * accounts that each hold the given number of positions (a deposit, then cross fills in distinct instruments), and
 * prints the heap used after a full GC at each step, and the engine's arrays by the field that holds them (what
 * takes the memory). Run one configuration per JVM, e.g.
 * {@code java -Xmx8g -cp perf/target/benchmarks.jar com.liqengine.perf.MemoryProbe 10000000 1 1024 10000000 10000064}
 * (accounts to open, positions each, instruments, then maxAccounts and maxPositions; the two capacities default
 * to what is opened plus a little).
 */
public final class MemoryProbe
{
    private static final long MARK = 3_000_000L;
    private static final long MB = 1L << 20;
    private static final int OBJECT_HEADER = 16;

    private MemoryProbe()
    {
    }

    /** Counts rejections, keeps nothing. */
    static final class Outputs implements OutputSink
    {
        long rejected;

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            if (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) == RequestRejectedDecoder.TEMPLATE_ID)
            {
                rejected++;
            }
        }
    }

    /**
     * Builds and measures one engine.
     *
     * @param args accounts, positions per account, instruments, [maxAccounts, maxPositions].
     */
    public static void main(final String[] args)
    {
        final int accounts = Integer.parseInt(args[0]);
        final int perAccount = Integer.parseInt(args[1]);
        final int instruments = Integer.parseInt(args[2]);
        final int maxAccounts = args.length > 3 ? Integer.parseInt(args[3]) : accounts + 1;
        final int maxPositions = args.length > 4 ? Integer.parseInt(args[4]) : accounts * perAccount + 64;
        if (maxAccounts < accounts + 1 || maxPositions < accounts * perAccount)
        {
            // Refused before the heap is measured: a book that cannot be built measures nothing.
            System.err.printf("MemoryProbe: maxAccounts %,d must be at least %,d (the accounts and the insurance " +
                "fund's) and maxPositions %,d at least %,d (the positions opened)%n",
                maxAccounts, accounts + 1, maxPositions, accounts * perAccount);
            System.exit(2);
        }
        final long baseline = usedAfterGc();
        System.out.printf("jvm: %s %s, max heap %,d MB, GC %s%n", System.getProperty("java.vm.name"),
            System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / MB,
            ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
        System.out.printf("config: open %,d accounts x %d positions, %d instruments; maxAccounts %,d, " +
            "maxInstruments %d, maxPositions %,d%n", accounts, perAccount, instruments, maxAccounts, instruments,
            maxPositions);
        System.out.printf("heap used before the engine: %,d bytes%n", baseline);

        final Outputs outputs = new Outputs();
        final InputEncoder encoder = new InputEncoder();
        final MarginStateMachine engine = new MarginStateMachine(
            new EngineSettings().maxAccounts(maxAccounts).maxInstruments(instruments).maxPositions(maxPositions),
            outputs);
        for (int i = 0; i < instruments; i++)
        {
            engine.onInput(encoder.buffer(), 0, encoder.instrumentDefinition(0, 0, new InstrumentSpec(
                i, "PERP" + i, 2, 3, 1, 1, 20, MarginMode.CROSS, StateMachineBenchmark.tiers())));
            engine.onInput(encoder.buffer(), 0, encoder.markPriceTick(0, 0, i, MARK));
        }
        final long empty = usedAfterGc() - baseline;
        System.out.printf("empty engine, %d instruments defined: %,d bytes (%,d MB)%n", instruments, empty, empty / MB);

        final long started = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(11);
        long tradeId = 1;
        for (long a = 1; a <= accounts; a++)
        {
            // cross at the default 20x, 0.033 to 0.666 units at 30,000 each, margin 20% of the notional
            final long quantity = 33 + random.nextInt(634);
            engine.onInput(encoder.buffer(), 0, encoder.deposit(0, 0, a, perAccount * quantity * MARK * 1_000 / 5));
            final int first = random.nextInt(instruments);
            for (int p = 0; p < perAccount; p++)
            {
                final int instrument = (first + p) % instruments;
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                engine.onInput(encoder.buffer(), 0,
                    encoder.fill(0, 0, a, instrument, side, quantity, MARK, 0, tradeId++));
            }
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final long positions = (long)accounts * perAccount;
        if (outputs.rejected != 0 || engine.accountCount() != accounts + 1 || engine.storedSlotCount() != positions)
        {
            throw new IllegalStateException("book not built: rejected " + outputs.rejected + ", accounts " +
                engine.accountCount() + ", slots " + engine.storedSlotCount());
        }
        final long full = usedAfterGc() - baseline;
        System.out.printf("built %,d accounts and %,d open positions in %.1f s%n", accounts, positions, seconds);
        System.out.printf("engine with the book: %,d bytes (%,d MB); the book added %,d bytes over the empty engine%n",
            full, full / MB, full - empty);
        System.out.printf("RESULT accounts=%d positions=%d instruments=%d maxAccounts=%d maxPositions=%d " +
            "emptyBytes=%d fullBytes=%d%n", accounts, positions, instruments, maxAccounts, maxPositions, empty, full);
        System.out.println();
        System.out.println("engine arrays by the field holding them (shallow sizes, 16-byte headers, 8-byte aligned):");
        final Map<String, long[]> byField = arraysByField(engine);
        final long total = byField.values().stream().mapToLong(entry -> entry[1]).sum();
        final long capacity = maxPositions;
        byField.entrySet().stream()
            .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
            .forEach(e -> System.out.printf("  %-48s %,14d elements %,15d bytes %6.1f%%%n",
                e.getKey(), e.getValue()[0], e.getValue()[1], 100.0 * e.getValue()[1] / total));
        System.out.printf("  %-48s %14s %,15d bytes (%,d MB; %.1f bytes per unit of maxPositions)%n",
            "total", "", total, total / MB, (double)total / capacity);
        // keep the engine reachable until here
        System.out.printf("last sequence %,d%n", engine.lastSequence());
    }

    private static long usedAfterGc()
    {
        for (int i = 0; i < 4; i++)
        {
            System.gc();
            try
            {
                Thread.sleep(200);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Walks the objects reachable from the engine within the project's and Agrona's classes and sums the arrays
     * they hold by owner and field (each array counted once, under the first field found holding it). An Agrona
     * object is named by the project field that holds it, e.g. {@code Slots.byKey.entries}.
     */
    private static Map<String, long[]> arraysByField(final Object root)
    {
        final Map<String, long[]> sizes = new TreeMap<>();
        final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        final ArrayDeque<Object> queue = new ArrayDeque<>();
        final ArrayDeque<String> labels = new ArrayDeque<>();
        queue.add(root);
        labels.add(root.getClass().getSimpleName());
        seen.put(root, Boolean.TRUE);
        while (!queue.isEmpty())
        {
            final Object object = queue.poll();
            final String label = labels.poll();
            for (Class<?> type = object.getClass(); type != null && walked(type); type = type.getSuperclass())
            {
                for (final Field field : type.getDeclaredFields())
                {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive())
                    {
                        continue;
                    }
                    final Object value = read(field, object);
                    if (value == null || seen.containsKey(value))
                    {
                        continue;
                    }
                    seen.put(value, Boolean.TRUE);
                    final String name = label + "." + field.getName();
                    if (value.getClass().isArray())
                    {
                        final long[] entry = sizes.computeIfAbsent(name, k -> new long[2]);
                        final int length = Array.getLength(value);
                        entry[0] += length;
                        entry[1] += arrayBytes(value.getClass().getComponentType(), length);
                        if (!value.getClass().getComponentType().isPrimitive())
                        {
                            for (int i = 0; i < length; i++)
                            {
                                final Object element = Array.get(value, i);
                                if (element != null && walked(element.getClass()) && !seen.containsKey(element))
                                {
                                    seen.put(element, Boolean.TRUE);
                                    queue.add(element);
                                    labels.add(labelOf(element, name));
                                }
                            }
                        }
                    }
                    else if (walked(value.getClass()))
                    {
                        queue.add(value);
                        labels.add(labelOf(value, name));
                    }
                }
            }
        }
        return sizes;
    }

    private static String labelOf(final Object object, final String heldBy)
    {
        return object.getClass().getName().startsWith("com.liqengine.") ? object.getClass().getSimpleName() : heldBy;
    }

    private static boolean walked(final Class<?> type)
    {
        final String name = type.getName();
        return name.startsWith("com.liqengine.") || name.startsWith("org.agrona.");
    }

    private static Object read(final Field field, final Object object)
    {
        try
        {
            field.setAccessible(true);
            return field.get(object);
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null;
        }
    }

    private static long arrayBytes(final Class<?> component, final int length)
    {
        final int element;
        if (component == long.class || component == double.class)
        {
            element = 8;
        }
        else if (component == int.class || component == float.class)
        {
            element = 4;
        }
        else if (component == short.class || component == char.class)
        {
            element = 2;
        }
        else if (component == byte.class || component == boolean.class)
        {
            element = 1;
        }
        else
        {
            element = 4;
        }
        return (OBJECT_HEADER + (long)length * element + 7) & ~7L;
    }
}
