package com.liqengine.tools.engine;

import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.Topology;
import com.liqengine.runtime.EngineConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The pipeline options shared by the commands that start an engine of their own ({@code liq demo}, {@code liq
 * bench}): a picocli mixin reading the words of {@code config/engine.yaml} ({@code journal-then-apply},
 * {@code busy-spin}).
 */
public final class PipelineOptions
{
    @Option(names = "--topology", defaultValue = "inline-journal", converter = TopologyWord.class,
        description = "inline-journal or journal-then-apply (default ${DEFAULT-VALUE}; docs/pipeline.md).")
    private Topology topology;

    @Option(names = "--idle", defaultValue = "backoff", converter = IdleWord.class,
        description = "Handler wait strategy: sleeping, yielding, busy-spin, blocking or backoff (default "
            + "${DEFAULT-VALUE}; docs/pipeline.md).")
    private IdleStrategyName idle;

    /**
     * @return the journaling topology chosen.
     */
    public Topology topology()
    {
        return topology;
    }

    /**
     * @return the handlers' wait strategy chosen.
     */
    public IdleStrategyName idle()
    {
        return idle;
    }

    /**
     * @param config a configuration.
     * @return it with these pipeline settings.
     */
    public EngineConfig applyTo(final EngineConfig config)
    {
        return config.withPipeline(topology, idle);
    }

    /** Reads a topology word. */
    static final class TopologyWord implements ITypeConverter<Topology>
    {
        @Override
        public Topology convert(final String text)
        {
            return WordConverter.parse(Topology.class, text);
        }
    }

    /** Reads a wait strategy word. */
    static final class IdleWord implements ITypeConverter<IdleStrategyName>
    {
        @Override
        public IdleStrategyName convert(final String text)
        {
            return WordConverter.parse(IdleStrategyName.class, text);
        }
    }
}
