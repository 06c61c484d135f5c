package com.liqengine.tools.engine;

import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.journal.JournalReader;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the tools that read queues from outside an engine know of its instruments: a scratch state machine fed
 * only the instrument definitions of a journal, so it answers symbols and decimals
 * ({@link com.liqengine.tools.simulate.EventView} turns outputs into decimals with it).
 */
public final class InstrumentBook
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarginStateMachine instruments;

    /**
     * @param maxInstruments the engine's instrument capacity.
     */
    public InstrumentBook(final int maxInstruments)
    {
        instruments = new MarginStateMachine(
            new EngineSettings().maxAccounts(2).maxInstruments(maxInstruments), (buffer, offset, length) ->
            {
            });
    }

    /**
     * A book of every instrument a journal defines.
     *
     * @param journal the journal folder, or null (an empty book).
     * @param maxInstruments the engine's instrument capacity.
     * @return the book.
     */
    public static InstrumentBook of(final Path journal, final int maxInstruments)
    {
        final InstrumentBook book = new InstrumentBook(maxInstruments);
        if (journal != null && Files.isDirectory(journal))
        {
            try (JournalReader reader = JournalReader.open(journal))
            {
                reader.readAll((sequence, source, buffer, offset, length) -> book.learn(buffer, offset, length));
            }
        }
        return book;
    }

    /**
     * Takes an input message: an instrument definition is applied, anything else ignored.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of the message.
     */
    public void learn(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH
            && header.wrap(buffer, offset).templateId() == InstrumentDefinitionDecoder.TEMPLATE_ID)
        {
            instruments.onInput(buffer, offset, length);
        }
    }

    /**
     * @return the scratch state machine holding the instruments learnt so far.
     */
    public MarginStateMachine instruments()
    {
        return instruments;
    }
}
