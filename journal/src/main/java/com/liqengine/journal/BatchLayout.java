package com.liqengine.journal;

/**
 * What the input journal's and the output queue's format 2 documents share (docs/journal.md): a batch of entries
 * in one Chronicle document, little endian, opened by a three-byte mark and the version, the number of its first
 * entry, closed by the entry count and a CRC32C of every byte before it. The two differ in their mark, their entry
 * header (the journal's records each input's source index) and their names in messages.
 *
 * <pre>
 *   0  mark (3 bytes) version          4 bytes
 *   4  first number                    int64: the queue's number of the document's first entry (from 1)
 *  12  entries, each: length (int32), the rest of the entry header, the entry's bytes
 * end-8  entry count                   int32: at least 1
 * end-4  CRC32C                        int32: of every byte before it
 * </pre>
 */
final class BatchLayout
{
    static final int MAGIC_LENGTH = 3;
    static final int VERSION_OFFSET = 3;
    static final int FIRST_NUMBER_OFFSET = 4;
    static final int HEADER_LENGTH = 12;
    static final int TRAILER_LENGTH = 8;
    static final int CHECKSUM_LENGTH = 4;
    /**
     * A document is closed, and the rest of its batch goes in the next one, once its entries pass this size: well
     * under Chronicle's largest document, and a search by number reads at most this much per probe.
     */
    static final int DOCUMENT_TARGET_LENGTH = 64 * 1024;

    /** What the queue is called in messages: "journal", "output queue". */
    final String queueName;
    final byte[] magic;
    final int version;
    final int versionBefore;
    /** The header's number field in messages: "first sequence", "first output". */
    final String firstField;
    /** One entry in messages: "input", "output". */
    final String entryName;
    final int entryHeaderLength;
    final int maxEntryLength;
    /** No document is longer: the target, plus one largest entry, header and trailer. */
    final int maxDocumentLength;

    BatchLayout(final String queueName, final byte[] magic, final int version, final int versionBefore,
        final String firstField, final String entryName, final int entryHeaderLength, final int maxEntryLength)
    {
        this.queueName = queueName;
        this.magic = magic;
        this.version = version;
        this.versionBefore = versionBefore;
        this.firstField = firstField;
        this.entryName = entryName;
        this.entryHeaderLength = entryHeaderLength;
        this.maxEntryLength = maxEntryLength;
        this.maxDocumentLength =
            HEADER_LENGTH + DOCUMENT_TARGET_LENGTH + entryHeaderLength + maxEntryLength + TRAILER_LENGTH;
    }

    /** The mark as text, for messages. */
    String mark()
    {
        return new String(magic, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
