import java.lang.reflect.Field;

/**
 * Where an engine's book (CpuTimeFill's, -Dbook=account or scattered) put each account's slots: how many slots follow
 * a slot of the same account at the previous handle, and how many accounts have all their slots in one block of four
 * handles (an aligned run of four 64-byte records). Reads the engine's private fields by reflection (a check, not a
 * benchmark). Usage: java -cp <jar>:<CpuTimeFill classes>:. Adj positions instruments
 */
public final class Adj
{
    static Object get(final Object o, final String name) throws Exception
    {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass())
        {
            try
            {
                final Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            }
            catch (final NoSuchFieldException e)
            {
                // the superclass may hold it
            }
        }
        throw new NoSuchFieldException(name);
    }

    public static void main(final String[] args) throws Exception
    {
        CpuTimeFill.setup(Integer.parseInt(args[0]), Integer.parseInt(args[1]), false);
        final Object slots = get(CpuTimeFill.engine, "slots");
        final int[] account = (int[])get(slots, "account");
        final int used = (Integer)get(slots, "used");
        final int capacity = account.length;
        int afterSame = 0;
        for (int s = 1; s < capacity; s++)
        {
            afterSame += account[s] == account[s - 1] && account[s] > 0 ? 1 : 0;
        }
        // per account: the block of its first slot seen, and whether every slot seen was in it
        final int accounts = (Integer)get(get(CpuTimeFill.engine, "accounts"), "count");
        final int[] block = new int[accounts];
        final boolean[] split = new boolean[accounts];
        java.util.Arrays.fill(block, -1);
        final java.lang.reflect.Method firstOf = slots.getClass().getDeclaredMethod("firstOf", int.class);
        final java.lang.reflect.Method nextOf = slots.getClass().getDeclaredMethod("nextOf", int.class);
        firstOf.setAccessible(true);
        nextOf.setAccessible(true);
        int together = 0;
        int withSlots = 0;
        for (int a = 1; a < accounts; a++)
        {
            int s = (Integer)firstOf.invoke(slots, a);
            if (s < 0)
            {
                continue;
            }
            withSlots++;
            final int b = s / 4;
            boolean one = true;
            for (; s >= 0; s = (Integer)nextOf.invoke(slots, s))
            {
                one &= s / 4 == b;
            }
            together += one ? 1 : 0;
        }
        System.out.printf("book=%s positions=%s: slots used %d; handles whose previous handle is the same account's: %d;"
            + " accounts with every slot in one block of four: %d of %d%n", System.getProperty("book", "account"),
            args[0], used, afterSame, together, withSlots);
    }
}
