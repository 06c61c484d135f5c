package com.liqengine.pipeline;

import com.liqengine.api.OutputRecord;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * An output channel for pipeline tests: keeps every output and checks, as each one leaves the engine, that the
 * input which caused it is already in the journal.
 */
final class RecordingOutputChannel implements OutputChannel
{
    final List<byte[]> outputs = new ArrayList<>();
    final List<String> unjournaled = new ArrayList<>();
    private final InputJournal journal;
    volatile boolean closed;

    RecordingOutputChannel(final InputJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        outputs.add(copy);
        final OutputRecord record = OutputRecord.decode(buffer, offset, length);
        final long journaled = journal.appended();
        if (record.get("sequence") > journaled)
        {
            unjournaled.add(record.type() + " of input " + record.get("sequence") + " with " + journaled
                + " journaled");
        }
    }

    @Override
    public void endOfBatch()
    {
    }

    @Override
    public void close()
    {
        closed = true;
    }
}
