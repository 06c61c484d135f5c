package com.liqengine.tools.engine;

import com.liqengine.runtime.CorePinning;
import com.liqengine.runtime.CpuPlan;
import com.liqengine.runtime.EngineConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --cpus engine=N,ingress=M}: the cores the engine's thread and the ingress (publishing) thread are pinned
 * to, as {@code pipeline.cpus} in {@code config/engine.yaml} (docs/pipeline.md); a picocli mixin of {@code liq
 * run}, {@code liq demo} and {@code liq bench}. A core the process may not run on, one core for both, or text that
 * is not role=core is picocli's usage error (exit 2).
 */
public final class CpusOption
{
    @Option(names = "--cpus", paramLabel = "engine=N,ingress=M", converter = PlanWord.class,
        description = "Pin the engine's thread and the ingress thread to these cores (either may be left out; "
            + "none by default, or as pipeline.cpus of the configuration says; docs/pipeline.md).")
    private CpuPlan cpus;

    /**
     * @param config a configuration.
     * @return it with the cores given on the command line, or unchanged when none were.
     */
    public EngineConfig applyTo(final EngineConfig config)
    {
        return cpus == null ? config : config.withCpus(cpus);
    }

    /** Reads {@code engine=N,ingress=M} against the cores this process may run on. */
    static final class PlanWord implements ITypeConverter<CpuPlan>
    {
        @Override
        public CpuPlan convert(final String text)
        {
            try
            {
                return CpuPlan.parse(text, CorePinning.availableCores());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new TypeConversionException(ex.getMessage());
            }
        }
    }
}
