package com.liqengine.tools.simulate;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One YAML mapping of a scenario file, read with its line numbers: typed getters that fail with
 * {@code FILE:LINE: what is wrong}. Numbers are read from the scalar's text as exact decimals, never through
 * {@code double}, so {@code 0.1} and {@code "0.1"} are the same.
 */
final class YamlMap
{
    private final String file;
    private final String what;
    private final Node node;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private YamlMap(final String file, final String what, final MappingNode node, final Collection<String> allowed)
    {
        this.file = file;
        this.what = what;
        this.node = node;
        for (final NodeTuple tuple : node.getValue())
        {
            final String key = scalarText(file, tuple.getKeyNode(), "a key of " + what);
            if (!allowed.contains(key))
            {
                throw new ScenarioException(file, line(tuple.getKeyNode()),
                    "unknown field '" + key + "' in " + what + " (allowed: " + String.join(", ", allowed) + ")");
            }
            if (values.put(key, tuple.getValueNode()) != null)
            {
                throw new ScenarioException(
                    file, line(tuple.getKeyNode()), "field '" + key + "' given twice in " + what);
            }
        }
    }

    /**
     * Reads a node that must be a mapping with only the allowed keys.
     */
    static YamlMap of(final String file, final String what, final Node node, final Collection<String> allowed)
    {
        if (!(node instanceof MappingNode))
        {
            throw new ScenarioException(file, line(node), what + " must be a mapping of field: value");
        }
        return new YamlMap(file, what, (MappingNode)node, allowed);
    }

    static int line(final Node node)
    {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    static String scalarText(final String file, final Node node, final String what)
    {
        if (!(node instanceof ScalarNode))
        {
            throw new ScenarioException(file, line(node), what + " must be a single value");
        }
        return ((ScalarNode)node).getValue();
    }

    int line()
    {
        return line(node);
    }

    int line(final String key)
    {
        final Node value = values.get(key);
        return value == null ? line() : line(value);
    }

    int keyCount()
    {
        return values.size();
    }

    String firstKey()
    {
        return values.keySet().iterator().next();
    }

    boolean has(final String key)
    {
        return values.containsKey(key);
    }

    Node node(final String key)
    {
        final Node value = values.get(key);
        if (value == null)
        {
            throw new ScenarioException(file, line(), what + " needs '" + key + "'");
        }
        return value;
    }

    String text(final String key)
    {
        final String text = scalarText(file, node(key), "'" + key + "' of " + what).trim();
        if (text.isEmpty())
        {
            throw new ScenarioException(file, line(key), "'" + key + "' of " + what + " is empty");
        }
        return text;
    }

    BigDecimal decimal(final String key)
    {
        final String text = text(key);
        try
        {
            return new BigDecimal(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new ScenarioException(file, line(key),
                "'" + key + "' of " + what + " is not a decimal number: '" + text + "'");
        }
    }

    BigDecimal decimal(final String key, final BigDecimal otherwise)
    {
        return has(key) ? decimal(key) : otherwise;
    }

    long integer(final String key)
    {
        final BigDecimal value = decimal(key);
        try
        {
            return value.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new ScenarioException(file, line(key),
                "'" + key + "' of " + what + " must be a whole number that fits 64 bits: '" + text(key) + "'");
        }
    }

    int smallInteger(final String key)
    {
        final long value = integer(key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new ScenarioException(file, line(key), "'" + key + "' of " + what + " is out of range: " + value);
        }
        return (int)value;
    }

    /**
     * A value that must be one of the given words (case-insensitive); returns the index of the word.
     */
    int choice(final String key, final List<String> words)
    {
        final String text = text(key);
        for (int i = 0; i < words.size(); i++)
        {
            if (words.get(i).equalsIgnoreCase(text))
            {
                return i;
            }
        }
        throw new ScenarioException(file, line(key),
            "'" + key + "' of " + what + " must be one of " + String.join(", ", words) + ", not '" + text + "'");
    }

    List<Node> list(final String key)
    {
        final Node value = node(key);
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL))
        {
            return new ArrayList<>();
        }
        if (!(value instanceof SequenceNode))
        {
            throw new ScenarioException(file, line(value), "'" + key + "' of " + what + " must be a list");
        }
        return new ArrayList<>(((SequenceNode)value).getValue());
    }

    ScenarioException error(final String key, final String problem)
    {
        return new ScenarioException(file, line(key), problem);
    }
}
