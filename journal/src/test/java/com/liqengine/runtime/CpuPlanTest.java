package com.liqengine.runtime;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --cpus} as written on a command line, checked against a machine of four cores (2 to 5: ids need not start
 * at 0), so the test does not depend on the machine it runs on.
 */
class CpuPlanTest
{
    private static final BitSet CORES = new BitSet();

    static
    {
        CORES.set(2, 6);
    }

    @Test
    void readsBothRolesEitherOrNone()
    {
        assertThat(CpuPlan.parse("engine=3,ingress=2", CORES)).isEqualTo(new CpuPlan(3, 2));
        assertThat(CpuPlan.parse(" ingress = 5 , engine = 4 ", CORES)).isEqualTo(new CpuPlan(4, 5));
        assertThat(CpuPlan.parse("engine=5", CORES)).isEqualTo(new CpuPlan(5, CpuPlan.UNPINNED));
        assertThat(CpuPlan.parse("ingress=2", CORES)).isEqualTo(new CpuPlan(CpuPlan.UNPINNED, 2));
        assertThat(CpuPlan.parse("none", CORES)).isEqualTo(CpuPlan.NONE);
        assertThat(CpuPlan.parse("", CORES).any()).isFalse();
        assertThat(CpuPlan.parse("engine=3,ingress=2", CORES).any()).isTrue();
    }

    @Test
    void writesWhatItReads()
    {
        for (final String text : new String[]{"engine=3,ingress=2", "engine=5", "ingress=4", "none"})
        {
            assertThat(CpuPlan.parse(text, CORES)).hasToString(text);
        }
    }

    @Test
    void refusesWhatCannotBeNamingIt()
    {
        assertThatThrownBy(() -> CpuPlan.parse("engine=6", CORES))
            .hasMessage("engine: core 6 is not one this process may run on (cores 2-5)");
        assertThatThrownBy(() -> CpuPlan.parse("engine=2,ingress=1", CORES))
            .hasMessage("ingress: core 1 is not one this process may run on (cores 2-5)");
        assertThatThrownBy(() -> CpuPlan.parse("engine=-3", CORES)).hasMessageStartingWith("engine: core -3 is not");
        assertThatThrownBy(() -> CpuPlan.parse("engine=3,ingress=3", CORES))
            .hasMessageStartingWith("engine and ingress are both on core 3: each needs a core of its own");
        assertThatThrownBy(() -> CpuPlan.parse("engine=3,engine=4", CORES)).hasMessage("engine is given twice");
        assertThatThrownBy(() -> CpuPlan.parse("engine=two", CORES)).hasMessage("engine: 'two' is not a core number");
        assertThatThrownBy(() -> CpuPlan.parse("3,4", CORES))
            .hasMessage("'3' is not role=core (roles: engine, ingress)");
        assertThatThrownBy(() -> CpuPlan.parse("journal=3", CORES))
            .hasMessage("unknown role 'journal' (roles: engine, ingress)");
    }

    @Test
    void describesCoresAsRanges()
    {
        final BitSet cores = new BitSet();
        cores.set(0, 4);
        cores.set(6);
        cores.set(8, 10);
        assertThat(CorePinning.describe(cores)).isEqualTo("0-3,6,8-9");
        assertThat(CorePinning.describe(CORES)).isEqualTo("2-5");
    }
}
