package com.liqengine.tools.metrics;

import com.liqengine.pipeline.CountersFile;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.pipeline.LatencyValue;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import org.agrona.concurrent.status.CountersReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An engine's counters file as Prometheus metrics, read at each scrape (docs/operations.md lists them): the event
 * counters as {@code liq_*_total} counters (inputs and outputs also by message type), the ring's free slots as a
 * gauge, and each latency as a summary {@code liq_latency_seconds{stage=...}} whose quantiles are the last interval's
 * percentiles and whose count is every input measured since the start. A counter this class does not know (added to
 * the file later) is still served, as a gauge named after its label.
 */
final class CountersCollector implements MultiCollector
{
    private static final String INPUT_PREFIX = "in ";
    private static final String OUTPUT_PREFIX = "out ";
    private static final List<EventCounter> KNOWN = List.of(
        new EventCounter("inputs", "liq_inputs", "Inputs applied by the state machine, of every type", true),
        new EventCounter("outputs", "liq_outputs", "Outputs written, of every type", true),
        new EventCounter("liquidations", "liq_liquidations", "Liquidations triggered", true),
        new EventCounter("rejections", "liq_rejections", "Inputs rejected (RequestRejected outputs)", true),
        new EventCounter("publisher waits", "liq_publisher_waits", "Times a publisher found the ring full and waited",
            true),
        new EventCounter("journal appended", "liq_journal_appended", "Inputs appended to the input journal", true),
        new EventCounter("errors", "liq_errors", "Unexpected errors of the engine's threads (liq stat shows them)",
            true),
        new EventCounter("ring remaining capacity", "liq_ring_remaining_slots",
            "Free slots in the ring at the end of the last batch", false));

    private final CountersReader reader;

    CountersCollector(final CountersFile counters)
    {
        this.reader = counters.counters();
    }

    @Override
    public MetricSnapshots collect()
    {
        final Map<String, Long> events = new LinkedHashMap<>();
        final Map<String, Long> latencies = new LinkedHashMap<>();
        reader.forEach((counterId, typeId, key, label) ->
            (typeId == LatencyValue.TYPE_ID ? latencies : events).put(label, reader.getCounterValue(counterId)));
        final List<MetricSnapshot> metrics = new ArrayList<>();
        for (final EventCounter known : KNOWN)
        {
            final Long value = events.remove(known.label());
            if (value != null)
            {
                metrics.add(known.snapshot(value));
            }
        }
        metrics.add(byType(events, INPUT_PREFIX, "liq_inputs_by_type", "Inputs applied, by message type"));
        metrics.add(byType(events, OUTPUT_PREFIX, "liq_outputs_by_type", "Outputs written, by message type"));
        events.forEach((label, value) -> metrics.add(GaugeSnapshot.builder().name("liq_" + name(label))
            .help("The counters file's counter '" + label + "'")
            .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build()));
        metrics.addAll(latency(latencies));
        return new MetricSnapshots(metrics);
    }

    /** The counters whose label starts with the prefix, taken out of the map, labelled by message type. */
    private static MetricSnapshot byType(
        final Map<String, Long> events, final String prefix, final String name, final String help)
    {
        final CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        events.entrySet().removeIf(entry ->
        {
            if (!entry.getKey().startsWith(prefix))
            {
                return false;
            }
            counter.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("type", entry.getKey().substring(prefix.length())))
                .value(entry.getValue()).build());
            return true;
        });
        return counter.build();
    }

    private static List<MetricSnapshot> latency(final Map<String, Long> latencies)
    {
        final SummarySnapshot.Builder summary = SummarySnapshot.builder().name("liq_latency_seconds").unit(Unit.SECONDS)
            .help("The engine's latencies: quantiles of the last interval, count since the start");
        final GaugeSnapshot.Builder intervalCount = GaugeSnapshot.builder().name("liq_latency_interval_inputs")
            .help("Inputs measured in the last interval");
        final CounterSnapshot.Builder outOfRange = CounterSnapshot.builder().name("liq_latency_out_of_range")
            .help("Inputs not measured: latency negative (clocks apart) or above an hour");
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Long total = latencies.get(LatencyValue.TOTAL.label(stage));
            if (total == null)
            {
                continue;
            }
            final Labels labels = Labels.of("stage", stage.word());
            final List<Quantile> quantiles = new ArrayList<>();
            for (final LatencyValue value : LatencyValue.values())
            {
                if (value.isPercentile())
                {
                    quantiles.add(new Quantile(value.quantile(),
                        Unit.nanosToSeconds(latencies.get(value.label(stage)))));
                }
            }
            summary.dataPoint(SummaryDataPointSnapshot.builder().labels(labels).count(total)
                .quantiles(Quantiles.of(quantiles)).build());
            intervalCount.dataPoint(GaugeDataPointSnapshot.builder().labels(labels)
                .value(latencies.get(LatencyValue.INTERVAL_COUNT.label(stage))).build());
            outOfRange.dataPoint(CounterDataPointSnapshot.builder().labels(labels)
                .value(latencies.get(LatencyValue.OUT_OF_RANGE.label(stage))).build());
        }
        return List.of(summary.build(), intervalCount.build(), outOfRange.build());
    }

    /** A label as a metric name: lower case, words joined by underscores. */
    private static String name(final String label)
    {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** A counter of the file with a name and help of its own. */
    private record EventCounter(String label, String name, String help, boolean monotonic)
    {
        MetricSnapshot snapshot(final long value)
        {
            return monotonic ?
                CounterSnapshot.builder().name(name).help(help)
                    .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build() :
                GaugeSnapshot.builder().name(name).help(help)
                    .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
        }
    }
}
