package com.liqengine.tools.stress;

import com.liqengine.codec.MarginMode;
import com.liqengine.tools.simulate.Units;
import com.liqengine.tools.yaml.YamlFileException;
import com.liqengine.tools.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a portfolio file (docs/stress.md): {@code name}, {@code wallet} and {@code positions} of one trader, or
 * {@code traders:} a list of them. Every value is checked with its line; whether a symbol has an instrument and a
 * history is checked later, against those files.
 */
public final class PortfolioLoader
{
    private static final List<String> TOP = List.of("name", "wallet", "positions", "traders");
    private static final List<String> TRADER = List.of("name", "wallet", "positions");
    private static final List<String> POSITION = List.of("symbol", "side", "notional", "leverage", "mode");
    private static final List<String> SIDES = List.of("long", "short");
    private static final List<String> MODES = List.of("isolated", "cross");
    private static final String AMOUNTS = "amounts are kept with " + Units.AMOUNT_DECIMALS;

    private PortfolioLoader()
    {
    }

    /**
     * @param path the file.
     * @return the portfolio.
     * @throws YamlFileException naming the file, the line and what is wrong.
     */
    public static Portfolio load(final Path path)
    {
        return read(path.toString(), YamlMap.root(path));
    }

    private static Portfolio read(final String file, final Node root)
    {
        final YamlMap top = YamlMap.of(file, "the portfolio", root, TOP);
        final String name = top.has("name") ? top.text("name") : Path.of(file).getFileName().toString();
        final List<Portfolio.Trader> traders = new ArrayList<>();
        if (top.has("traders"))
        {
            if (top.has("wallet") || top.has("positions"))
            {
                throw top.error("traders", "give either 'traders' or one trader's 'wallet' and 'positions', not both");
            }
            for (final Node node : top.list("traders"))
            {
                final YamlMap map = YamlMap.of(file, "a trader", node, TRADER);
                traders.add(trader(file, map, map.has("name") ? map.text("name") : "trader " + (traders.size() + 1)));
            }
            if (traders.isEmpty())
            {
                throw top.error("traders", "'traders' is empty");
            }
        }
        else
        {
            traders.add(trader(file, top, name));
        }
        return new Portfolio(file, name, List.copyOf(traders));
    }

    private static Portfolio.Trader trader(final String file, final YamlMap map, final String name)
    {
        final BigDecimal wallet = map.fixedPoint("wallet", Units.AMOUNT_DECIMALS, AMOUNTS);
        if (wallet.signum() <= 0)
        {
            throw map.error("wallet", "'wallet' must be above 0, not " + wallet.toPlainString());
        }
        final List<Portfolio.Position> positions = new ArrayList<>();
        for (final Node node : map.list("positions"))
        {
            final Portfolio.Position position = position(YamlMap.of(file, "a position", node, POSITION));
            for (final Portfolio.Position other : positions)
            {
                if (other.symbol().equals(position.symbol()))
                {
                    throw new YamlFileException(file, position.line(), name + " holds " + position.symbol()
                        + " twice (first at line " + other.line() + "): one position per symbol");
                }
            }
            positions.add(position);
        }
        if (positions.isEmpty())
        {
            throw map.error("positions", name + " has no positions");
        }
        return new Portfolio.Trader(map.line(), name, wallet, List.copyOf(positions));
    }

    private static Portfolio.Position position(final YamlMap map)
    {
        final BigDecimal notional = map.fixedPoint("notional", Units.AMOUNT_DECIMALS, AMOUNTS);
        if (notional.signum() <= 0)
        {
            throw map.error("notional", "'notional' must be above 0, not " + notional.toPlainString());
        }
        final int leverage = map.smallInteger("leverage");
        if (leverage < 1)
        {
            throw map.error("leverage", "'leverage' must be at least 1, not " + leverage);
        }
        return new Portfolio.Position(map.line(), map.text("symbol"), map.choice("side", SIDES) == 0, notional,
            leverage, map.choice("mode", MODES) == 0 ? MarginMode.ISOLATED : MarginMode.CROSS);
    }
}
