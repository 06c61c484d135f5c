package com.liqengine.reference;

import com.liqengine.api.MessageType;
import com.liqengine.api.OutputRecord;

import java.util.LinkedHashMap;

/**
 * One output of the reference model in the shape of {@link OutputRecord}: the message type and every field in
 * schema order under its schema name, enums as their numeric values.
 *
 * @param type the output message.
 * @param fields field name to value, in schema order.
 */
public record RefOutput(MessageType type, LinkedHashMap<String, Long> fields)
{
    /**
     * The same text for an engine output, so that the two compare as strings, field by field and in order.
     *
     * @param record an engine output.
     * @return type name and fields.
     */
    public static String describe(final OutputRecord record)
    {
        return record.type() + record.fields();
    }

    /**
     * A field's value.
     *
     * @param name schema name.
     * @return the value.
     */
    public long get(final String name)
    {
        final Long value = fields.get(name);
        if (value == null)
        {
            throw new IllegalArgumentException(type + " has no field " + name);
        }
        return value;
    }

    @Override
    public String toString()
    {
        return type.label() + fields;
    }
}
