package com.liqengine.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Appends every slot's bytes to the input journal, making them durable at the end of each batch
 * ({@link Topology#JOURNAL_THEN_APPLY}).
 */
final class JournalHandler implements EventHandler<InputSlot>
{
    private final InputJournal journal;
    private final EngineCounters counters;

    JournalHandler(final InputJournal journal, final EngineCounters counters)
    {
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public void onEvent(final InputSlot slot, final long sequence, final boolean endOfBatch)
    {
        journal.append(slot.buffer, 0, slot.length, slot.sourceIndex);
        if (endOfBatch)
        {
            journal.endOfBatch();
            if (counters != null)
            {
                counters.journalAppended(journal.appended());
            }
        }
    }
}
