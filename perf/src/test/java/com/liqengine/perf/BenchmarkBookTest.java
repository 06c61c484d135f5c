package com.liqengine.perf;

import com.liqengine.margin.MarginStateView;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's book outside JMH, as {@link Interleaved} builds and runs it: both opening orders give the same
 * accounts and positions, and an operation run by {@link StateMachineBenchmark#repeat} passes the iteration's check.
 */
class BenchmarkBookTest
{
    private static final int POSITIONS = 400;
    private static final int INSTRUMENTS = 64;

    @Test
    void aScatteredBookHoldsTheSamePositionsAsTheAccountBook() throws Exception
    {
        final MarginStateView byAccount = engine(book("account", "fill"));
        final MarginStateView scattered = engine(book("scattered", "fill"));

        assertThat(scattered.accountCount()).isEqualTo(byAccount.accountCount());
        assertThat(scattered.storedSlotCount()).isEqualTo(byAccount.storedSlotCount()).isEqualTo(POSITIONS + 1);
        int held = 0;
        for (int a = 0; a < byAccount.accountCount(); a++)
        {
            final long id = byAccount.accountIdAt(a);
            assertThat(scattered.accountIdAt(a)).isEqualTo(id);
            assertThat(scattered.crossWallet(id)).as("wallet of %d", id).isEqualTo(byAccount.crossWallet(id));
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                assertThat(scattered.positionSize(id, i)).isEqualTo(byAccount.positionSize(id, i));
                assertThat(scattered.costBasis(id, i)).isEqualTo(byAccount.costBasis(id, i));
                assertThat(scattered.isolatedMargin(id, i)).isEqualTo(byAccount.isolatedMargin(id, i));
                assertThat(scattered.leverage(id, i)).isEqualTo(byAccount.leverage(id, i));
                held += byAccount.positionSize(id, i) != 0 ? 1 : 0;
            }
        }
        assertThat(held).isEqualTo(POSITIONS);
    }

    @Test
    void repeatRunsTheNamedOperationAndTheIterationCheckHolds()
    {
        for (final String name : new String[] {"fill", "fillOpenClose", "tickLiquidatingOne", "funding"})
        {
            final StateMachineBenchmark benchmark = book("scattered", name);
            benchmark.beforeIteration();
            benchmark.repeat(1_001);
            benchmark.checkIteration();
        }
    }

    @Test
    void anUnknownBookOrOperationIsRefusedByName()
    {
        assertThatThrownBy(() -> book("sorted", "fill")).hasMessageContaining("not sorted");
        final StateMachineBenchmark benchmark = book("account", "nothing");
        assertThatThrownBy(() -> benchmark.repeat(1)).hasMessageContaining("no benchmark named nothing");
    }

    private static StateMachineBenchmark book(final String order, final String name)
    {
        final StateMachineBenchmark benchmark = new StateMachineBenchmark();
        benchmark.positions = POSITIONS;
        benchmark.instruments = INSTRUMENTS;
        benchmark.indexed = true;
        benchmark.book = order;
        benchmark.setUp(name);
        return benchmark;
    }

    private static MarginStateView engine(final StateMachineBenchmark benchmark) throws Exception
    {
        final Field field = StateMachineBenchmark.class.getDeclaredField("engine");
        field.setAccessible(true);
        return (MarginStateView)field.get(benchmark);
    }
}
