package com.liqengine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The engine's latency log: interval histograms in HdrHistogram's log format ({@link HistogramLogWriter}), one
 * line per latency per interval, tagged with the {@link com.liqengine.pipeline.LatencyStage}'s word, values in
 * ns; readable by {@code HistogramLogReader} and HdrHistogram's log processor. Rotated by size: once the file
 * holds {@code maxBytes}, {@code latency.hlog} becomes {@code latency.1.hlog} (the older ones move up one number,
 * those beyond {@code keep} are deleted) and a new file is started, with its own header. An engine that starts
 * again rotates the previous run's log the same way. Written by the metrics thread only.
 */
public final class LatencyLog implements AutoCloseable
{
    private static final String SUFFIX = ".hlog";

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final long startMs;
    private CountingStream stream;
    // our own, to ask it for errors: a PrintStream keeps an IOException (a full disk) to itself
    private PrintStream printer;
    private HistogramLogWriter writer;

    private LatencyLog(final Path file, final long maxBytes, final int keep, final long startMs)
    {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.startMs = startMs;
    }

    /**
     * Starts a new log, rotating a previous one.
     *
     * @param file the log, ending in {@code .hlog}.
     * @param maxBytes rotate once the file holds this many bytes.
     * @param keep rotated files kept.
     * @param startMs the engine's start, ms since the epoch, written in each file's header.
     * @return the log.
     * @throws UncheckedIOException when the file cannot be written.
     */
    public static LatencyLog open(final Path file, final long maxBytes, final int keep, final long startMs)
    {
        if (!file.getFileName().toString().endsWith(SUFFIX))
        {
            throw new IllegalArgumentException("a latency log's name ends in " + SUFFIX + ": " + file);
        }
        final LatencyLog log = new LatencyLog(file, maxBytes, keep, startMs);
        if (Files.exists(file))
        {
            log.shiftRotated();
        }
        log.start();
        return log;
    }

    /**
     * Appends one interval histogram (its tag, start and end time stamps are written with it), rotating first if the
     * file is full, and flushes it, so the log can be read while the engine runs.
     *
     * @param interval the histogram, values in ns.
     * @throws UncheckedIOException when the file cannot be written or rotated (the next write tries again).
     */
    public void write(final Histogram interval)
    {
        if (writer == null || stream.written >= maxBytes)
        {
            close();
            shiftRotated();
            start();
        }
        writer.outputIntervalHistogram(interval);
        checkWritten();
    }

    /**
     * @param number 0 for the current file, 1 for the newest rotated one, and so on.
     * @return that file's path.
     */
    public Path file(final int number)
    {
        if (number == 0)
        {
            return file;
        }
        final String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + "." + number + SUFFIX);
    }

    @Override
    public void close()
    {
        if (writer != null)
        {
            writer.close();
            writer = null;
        }
    }

    private void start()
    {
        try
        {
            stream = new CountingStream(Files.newOutputStream(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the latency log " + file + ": " + ex, ex);
        }
        printer = new PrintStream(stream, false, StandardCharsets.US_ASCII);
        writer = new HistogramLogWriter(printer);
        writer.outputComment("liq latency log: one interval histogram per latency (Tag) per interval, values in ns "
            + "(docs/operations.md)");
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMs);
        writer.outputLegend();
        checkWritten();
    }

    /** Flushes, and reports what the print stream swallowed. */
    private void checkWritten()
    {
        if (printer.checkError())
        {
            close();
            throw new UncheckedIOException(new IOException("cannot write the latency log " + file));
        }
    }

    /** latency.hlog becomes latency.1.hlog, latency.1.hlog becomes latency.2.hlog, ...; beyond keep: deleted. */
    private void shiftRotated()
    {
        try
        {
            Files.deleteIfExists(file(keep));
            for (int number = keep - 1; number >= 0; number--)
            {
                if (Files.exists(file(number)))
                {
                    Files.move(file(number), file(number + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.deleteIfExists(file(0));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot rotate the latency log " + file + ": " + ex, ex);
        }
    }

    /** Counts the bytes written, for rotation by size. */
    private static final class CountingStream extends FilterOutputStream
    {
        private long written;

        CountingStream(final OutputStream out)
        {
            super(out);
        }

        @Override
        public void write(final int b) throws IOException
        {
            out.write(b);
            written++;
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException
        {
            out.write(bytes, offset, length);
            written += length;
        }
    }
}
