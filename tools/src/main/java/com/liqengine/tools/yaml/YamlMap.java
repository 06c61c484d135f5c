package com.liqengine.tools.yaml;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML mapping of a scenario or configuration file, read with its line numbers: typed getters that fail with
 * {@code FILE:LINE: what is wrong}. Numbers are read from the scalar's text as exact decimals, never through
 * {@code double}, so {@code 0.1} and {@code "0.1"} are the same.
 */
public final class YamlMap
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
                throw new YamlFileException(file, line(tuple.getKeyNode()),
                    "unknown field '" + key + "' in " + what + " (allowed: " + String.join(", ", allowed) + ")");
            }
            if (values.put(key, tuple.getValueNode()) != null)
            {
                throw new YamlFileException(
                    file, line(tuple.getKeyNode()), "field '" + key + "' given twice in " + what);
            }
        }
    }

    /**
     * Reads a YAML file into its root node.
     *
     * @param path the file.
     * @return the root node.
     * @throws YamlFileException when the file is missing, unreadable, empty or not YAML.
     */
    public static Node root(final Path path)
    {
        final String file = path.toString();
        try
        {
            return root(file, new StringReader(Files.readString(path, StandardCharsets.UTF_8)));
        }
        catch (final NoSuchFileException ex)
        {
            throw new YamlFileException(file, 0, "no such file");
        }
        catch (final IOException ex)
        {
            throw new YamlFileException(file, 0, "cannot read: " + ex.getMessage());
        }
    }

    /**
     * Parses YAML text into its root node.
     *
     * @param file name used in messages.
     * @param reader the text.
     * @return the root node.
     * @throws YamlFileException when it is empty or not YAML, with the line.
     */
    public static Node root(final String file, final Reader reader)
    {
        final Optional<Node> root;
        try
        {
            root = new Compose(LoadSettings.builder().setLabel(file).build()).composeReader(reader);
        }
        catch (final MarkedYamlEngineException ex)
        {
            final int line = ex.getProblemMark().map(mark -> mark.getLine() + 1).orElse(0);
            throw new YamlFileException(file, line, "not valid YAML: " + ex.getProblem());
        }
        catch (final YamlEngineException ex)
        {
            throw new YamlFileException(file, 0, "not valid YAML: " + ex.getMessage());
        }
        if (root.isEmpty())
        {
            throw new YamlFileException(file, 0, "the file is empty");
        }
        return root.get();
    }

    /**
     * Reads a node that must be a mapping with only the allowed keys.
     */
    public static YamlMap of(final String file, final String what, final Node node, final Collection<String> allowed)
    {
        if (!(node instanceof MappingNode))
        {
            throw new YamlFileException(file, line(node), what + " must be a mapping of field: value");
        }
        return new YamlMap(file, what, (MappingNode)node, allowed);
    }

    public static int line(final Node node)
    {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    public static String scalarText(final String file, final Node node, final String what)
    {
        if (!(node instanceof ScalarNode))
        {
            throw new YamlFileException(file, line(node), what + " must be a single value");
        }
        return ((ScalarNode)node).getValue();
    }

    public int line()
    {
        return line(node);
    }

    public int line(final String key)
    {
        final Node value = values.get(key);
        return value == null ? line() : line(value);
    }

    public int keyCount()
    {
        return values.size();
    }

    public String firstKey()
    {
        return values.keySet().iterator().next();
    }

    public boolean has(final String key)
    {
        return values.containsKey(key);
    }

    public Node node(final String key)
    {
        final Node value = values.get(key);
        if (value == null)
        {
            throw new YamlFileException(file, line(), what + " needs '" + key + "'");
        }
        return value;
    }

    public String text(final String key)
    {
        final String text = scalarText(file, node(key), "'" + key + "' of " + what).trim();
        if (text.isEmpty())
        {
            throw new YamlFileException(file, line(key), "'" + key + "' of " + what + " is empty");
        }
        return text;
    }

    public BigDecimal decimal(final String key)
    {
        final String text = text(key);
        try
        {
            return new BigDecimal(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new YamlFileException(file, line(key),
                "'" + key + "' of " + what + " is not a decimal number: '" + text + "'");
        }
    }

    public BigDecimal decimal(final String key, final BigDecimal otherwise)
    {
        return has(key) ? decimal(key) : otherwise;
    }

    /**
     * A decimal the engine keeps in fixed point with {@code decimals} decimals (docs/margin.md section 1): refused
     * with the line when it has more decimals (trailing zeros aside) or does not fit 64 bits there, so that the
     * value converts exactly, never by rounding and never throwing.
     *
     * @param key the field.
     * @param decimals the decimals the field keeps.
     * @param keptBy what sets those decimals, for the message (e.g. {@code "BTCUSDT's tick size 0.1"}).
     * @return the value as written.
     * @throws YamlFileException naming the file, the line and the field.
     */
    public BigDecimal fixedPoint(final String key, final int decimals, final String keptBy)
    {
        final BigDecimal value = decimal(key);
        if (value.stripTrailingZeros().scale() > decimals)
        {
            throw new YamlFileException(file, line(key), "'" + key + "' of " + what + " has more than " + decimals
                + (decimals == 1 ? " decimal" : " decimals") + " (" + keptBy + "): " + value.toPlainString());
        }
        final BigDecimal units = value.movePointRight(decimals);
        if (units.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0
            || units.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0)
        {
            throw new YamlFileException(file, line(key), "'" + key + "' of " + what + " is out of range: "
                + value.toPlainString() + " (with " + decimals + " decimals at most "
                + BigDecimal.valueOf(Long.MAX_VALUE, decimals).toPlainString() + " in size)");
        }
        return value;
    }

    /**
     * {@link #fixedPoint(String, int, String)} for an optional field.
     *
     * @param key the field.
     * @param decimals the decimals the field keeps.
     * @param keptBy what sets those decimals, for the message.
     * @param otherwise the value when the field is not given.
     * @return the value.
     */
    public BigDecimal fixedPoint(final String key, final int decimals, final String keptBy, final BigDecimal otherwise)
    {
        return has(key) ? fixedPoint(key, decimals, keptBy) : otherwise;
    }

    public long integer(final String key)
    {
        final BigDecimal value = decimal(key);
        try
        {
            return value.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new YamlFileException(file, line(key),
                "'" + key + "' of " + what + " must be a whole number that fits 64 bits: '" + text(key) + "'");
        }
    }

    public int smallInteger(final String key)
    {
        final long value = integer(key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new YamlFileException(file, line(key), "'" + key + "' of " + what + " is out of range: " + value);
        }
        return (int)value;
    }

    /**
     * A value that must be one of the given words (case-insensitive); returns the index of the word.
     */
    public int choice(final String key, final List<String> words)
    {
        final String text = text(key);
        for (int i = 0; i < words.size(); i++)
        {
            if (words.get(i).equalsIgnoreCase(text))
            {
                return i;
            }
        }
        throw new YamlFileException(file, line(key),
            "'" + key + "' of " + what + " must be one of " + String.join(", ", words) + ", not '" + text + "'");
    }

    public List<Node> list(final String key)
    {
        final Node value = node(key);
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL))
        {
            return new ArrayList<>();
        }
        if (!(value instanceof SequenceNode))
        {
            throw new YamlFileException(file, line(value), "'" + key + "' of " + what + " must be a list");
        }
        return new ArrayList<>(((SequenceNode)value).getValue());
    }

    public YamlFileException error(final String key, final String problem)
    {
        return new YamlFileException(file, line(key), problem);
    }
}
