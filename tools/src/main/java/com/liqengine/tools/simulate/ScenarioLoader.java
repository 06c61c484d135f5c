package com.liqengine.tools.simulate;

import com.liqengine.tools.yaml.LiquidationSection;
import com.liqengine.tools.yaml.YamlFileException;
import com.liqengine.tools.yaml.YamlMap;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.account.RiskTiers;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a scenario file (docs/simulate.md) into a {@link Scenario}, checking every name and number and saying
 * where and what is wrong. Only what the file itself can get wrong is checked here; what the engine decides
 * (a withdrawal above the available balance, a price off the tick) is the engine's to reject, and shows in the
 * timeline.
 */
public final class ScenarioLoader
{
    private static final List<String> TOP =
        List.of("name", "engine", "liquidation", "instruments", "accounts", "events");
    private static final List<String> ENGINE = List.of("marginCallRatio", "insuranceFund");
    private static final List<String> INSTRUMENT = List.of("symbol", "tickSize", "stepSize", "tiers",
        "defaultLeverage", "defaultMode", "liquidationFeeRate", "partialFromTier");
    private static final List<String> TIER = List.of("maxNotional", "maxLeverage", "mmr", "maintenanceAmount");
    private static final List<String> ACCOUNT = List.of("id", "deposit");
    private static final List<String> SIDES = List.of("buy", "sell");
    private static final List<String> MODES = List.of("isolated", "cross");
    private static final int DEFAULT_LEVERAGE = 20;
    private static final String AMOUNTS = "amounts are kept with " + Units.AMOUNT_DECIMALS;
    private static final String RATES = "rates are kept with " + Units.AMOUNT_DECIMALS;
    private static final String TICK_AND_STEP =
        "a price and a quantity are kept with " + Units.AMOUNT_DECIMALS + " together";
    private static final int MAX_SYMBOL_LENGTH = 16;

    private ScenarioLoader()
    {
    }

    /**
     * Loads a scenario file.
     *
     * @param path the file.
     * @return the scenario.
     * @throws YamlFileException when the file is missing, unreadable or wrong.
     */
    public static Scenario load(final Path path)
    {
        return read(path.toString(), YamlMap.root(path));
    }

    /**
     * Parses a scenario.
     *
     * @param file name used in messages.
     * @param reader the YAML text.
     * @return the scenario.
     */
    public static Scenario parse(final String file, final Reader reader)
    {
        return read(file, YamlMap.root(file, reader));
    }

    private static Scenario read(final String file, final Node root)
    {
        return new ScenarioLoader.Reading(file).scenario(YamlMap.of(file, "the scenario", root, TOP));
    }

    /** The state of one read: symbols and accounts seen so far, for cross-references. */
    private static final class Reading
    {
        private final String file;
        private final List<ScenarioInstrument> instruments = new ArrayList<>();
        private final Set<Long> accountIds = new HashSet<>();

        Reading(final String file)
        {
            this.file = file;
        }

        Scenario scenario(final YamlMap top)
        {
            final String name = top.has("name") ? top.text("name") : Path.of(file).getFileName().toString();
            BigDecimal marginCallRatio = null;
            BigDecimal insuranceFund = BigDecimal.ZERO;
            if (top.has("engine"))
            {
                final YamlMap engine = YamlMap.of(file, "engine", top.node("engine"), ENGINE);
                marginCallRatio = engine.fixedPoint("marginCallRatio", Units.AMOUNT_DECIMALS, RATES, null);
                if (marginCallRatio != null && (marginCallRatio.signum() <= 0
                    || marginCallRatio.compareTo(BigDecimal.ONE) > 0))
                {
                    throw engine.error("marginCallRatio", "marginCallRatio must be above 0 and at most 1, not "
                        + marginCallRatio.toPlainString());
                }
                insuranceFund = nonNegative(engine, "insuranceFund",
                    engine.fixedPoint("insuranceFund", Units.AMOUNT_DECIMALS, AMOUNTS, BigDecimal.ZERO));
            }
            // without a liquidation: section a scenario runs takeover, so every older scenario keeps its meaning
            final LiquidationSection liquidation = top.has("liquidation") ? LiquidationSection.read(
                YamlMap.of(file, "liquidation", top.node("liquidation"), LiquidationSection.KEYS),
                LiquidationMode.TAKEOVER) : LiquidationSection.absent(LiquidationMode.TAKEOVER);
            for (final Node node : top.list("instruments"))
            {
                instruments.add(instrument(YamlMap.of(file, "an instrument", node, INSTRUMENT)));
            }
            if (instruments.isEmpty())
            {
                throw top.error("instruments", "a scenario needs at least one instrument");
            }
            final List<ScenarioAccount> accounts = new ArrayList<>();
            if (top.has("accounts"))
            {
                for (final Node node : top.list("accounts"))
                {
                    accounts.add(account(YamlMap.of(file, "an account", node, ACCOUNT)));
                }
            }
            final List<ScenarioEvent> events = new ArrayList<>();
            if (top.has("events"))
            {
                for (final Node node : top.list("events"))
                {
                    events.add(event(events.size() + 1, node));
                }
            }
            return new Scenario(file, name, marginCallRatio, insuranceFund, List.copyOf(instruments),
                List.copyOf(accounts), List.copyOf(events), liquidation);
        }

        private ScenarioInstrument instrument(final YamlMap map)
        {
            final String symbol = map.text("symbol");
            if (symbol.length() > MAX_SYMBOL_LENGTH || !symbol.chars().allMatch(c -> c > ' ' && c < 127))
            {
                throw map.error("symbol", "symbol '" + symbol + "' must be 1 to 16 printable ASCII characters");
            }
            for (final ScenarioInstrument other : instruments)
            {
                if (other.symbol().equals(symbol))
                {
                    throw map.error("symbol", "instrument " + symbol + " is defined twice (first at line "
                        + other.line() + ")");
                }
            }
            final BigDecimal tick =
                positive(map, "tickSize", map.fixedPoint("tickSize", Units.AMOUNT_DECIMALS, TICK_AND_STEP));
            final BigDecimal step =
                positive(map, "stepSize", map.fixedPoint("stepSize", Units.AMOUNT_DECIMALS, TICK_AND_STEP));
            final List<ScenarioInstrument.Tier> tiers = new ArrayList<>();
            for (final Node node : map.list("tiers"))
            {
                tiers.add(tier(YamlMap.of(file, "a tier of " + symbol, node, TIER)));
            }
            if (tiers.isEmpty())
            {
                throw map.error("tiers", symbol + " needs at least one risk tier");
            }
            if (tiers.size() > RiskTiers.MAX_TIERS)
            {
                throw map.error("tiers", symbol + " has " + tiers.size() + " risk tiers, the engine takes at most "
                    + RiskTiers.MAX_TIERS);
            }
            final int leverage = map.has("defaultLeverage") ?
                map.smallInteger("defaultLeverage") : Math.min(DEFAULT_LEVERAGE, tiers.get(0).maxLeverage());
            final MarginMode mode = map.has("defaultMode") ?
                (map.choice("defaultMode", MODES) == 0 ? MarginMode.ISOLATED : MarginMode.CROSS) : MarginMode.CROSS;
            final BigDecimal feeRate =
                map.fixedPoint("liquidationFeeRate", Units.AMOUNT_DECIMALS, RATES, BigDecimal.ZERO);
            if (feeRate.signum() < 0 || feeRate.compareTo(BigDecimal.ONE) > 0)
            {
                throw map.error("liquidationFeeRate", "liquidationFeeRate must be from 0 to 1, not "
                    + feeRate.toPlainString());
            }
            final int partialFromTier = map.has("partialFromTier") ? map.smallInteger("partialFromTier") : 0;
            if (partialFromTier < 0 || partialFromTier > tiers.size())
            {
                throw map.error("partialFromTier", "partialFromTier must be 0 (never partial) or a tier of " + symbol
                    + " from 1 to " + tiers.size() + ", not " + partialFromTier);
            }
            final ScenarioInstrument instrument = new ScenarioInstrument(map.line(), symbol, tick, step, leverage,
                mode, List.copyOf(tiers), feeRate, partialFromTier);
            if (instrument.priceDecimals() + instrument.qtyDecimals() > Units.AMOUNT_DECIMALS)
            {
                throw map.error("tickSize", symbol + ": the tick size and step size together may have at most "
                    + Units.AMOUNT_DECIMALS + " decimals (" + instrument.priceDecimals() + " + "
                    + instrument.qtyDecimals() + ")");
            }
            return instrument;
        }

        private ScenarioInstrument.Tier tier(final YamlMap map)
        {
            return new ScenarioInstrument.Tier(
                map.line(),
                positive(map, "maxNotional", map.fixedPoint("maxNotional", Units.AMOUNT_DECIMALS, AMOUNTS)),
                map.smallInteger("maxLeverage"),
                positive(map, "mmr", map.fixedPoint("mmr", Units.AMOUNT_DECIMALS, RATES)),
                nonNegative(map, "maintenanceAmount",
                    map.fixedPoint("maintenanceAmount", Units.AMOUNT_DECIMALS, AMOUNTS, BigDecimal.ZERO)));
        }

        private ScenarioAccount account(final YamlMap map)
        {
            final long id = map.integer("id");
            if (id == Units.INSURANCE_FUND_ID)
            {
                throw map.error("id", "account " + id + " is the insurance fund; seed it with engine: "
                    + "{ insuranceFund: ... }");
            }
            if (!accountIds.add(id))
            {
                throw map.error("id", "account " + id + " is defined twice");
            }
            return new ScenarioAccount(map.line(), id, nonNegative(map, "deposit",
                map.fixedPoint("deposit", Units.AMOUNT_DECIMALS, AMOUNTS, BigDecimal.ZERO)));
        }

        private ScenarioEvent event(final int number, final Node node)
        {
            final YamlMap outer = YamlMap.of(file, "event " + number, node, eventKeys());
            if (outer.keyCount() != 1)
            {
                throw new YamlFileException(file, outer.line(),
                    "event " + number + " must have exactly one key, its type (one of " + String.join(", ", eventKeys())
                        + ")");
            }
            final String key = outer.firstKey();
            final EventKind kind = EventKind.ofKey(key);
            final List<String> allowed = new ArrayList<>(kind.required());
            allowed.addAll(kind.optional());
            final YamlMap map = YamlMap.of(file, "event " + number + " (" + key + ")", outer.node(key), allowed);
            for (final String field : kind.required())
            {
                map.node(field);
            }
            final Long account = map.has("account") ? knownAccount(map) : null;
            final String symbol = map.has("symbol") ? knownSymbol(map) : null;
            final Side side = map.has("side") ? (map.choice("side", SIDES) == 0 ? Side.BUY : Side.SELL) : null;
            final MarginMode mode = map.has("mode") ?
                (map.choice("mode", MODES) == 0 ? MarginMode.ISOLATED : MarginMode.CROSS) : null;
            final ScenarioInstrument instrument = symbol == null ? null : instruments.get(indexOf(symbol));
            return new ScenarioEvent(
                number,
                map.line(),
                kind,
                account,
                symbol,
                side,
                map.has("qty") ? map.fixedPoint("qty", instrument.qtyDecimals(),
                    symbol + "'s step size is " + instrument.stepSize().toPlainString()) : null,
                map.has("price") ? map.fixedPoint("price", instrument.priceDecimals(),
                    symbol + "'s tick size is " + instrument.tickSize().toPlainString()) : null,
                map.fixedPoint("fee", Units.AMOUNT_DECIMALS, AMOUNTS, null),
                map.has("tradeId") ? map.integer("tradeId") : null,
                map.fixedPoint("amount", Units.AMOUNT_DECIMALS, AMOUNTS, null),
                mode,
                map.has("leverage") ? map.smallInteger("leverage") : null,
                map.fixedPoint("rate", Units.AMOUNT_DECIMALS, RATES, null));
        }

        private Long knownAccount(final YamlMap map)
        {
            final long id = map.integer("account");
            if (!accountIds.contains(id))
            {
                throw map.error("account", "unknown account " + id + " (accounts: " + accountIds + ")");
            }
            return id;
        }

        private String knownSymbol(final YamlMap map)
        {
            final String symbol = map.text("symbol");
            if (indexOf(symbol) < 0)
            {
                final List<String> symbols = new ArrayList<>();
                instruments.forEach(i -> symbols.add(i.symbol()));
                throw map.error("symbol", "unknown instrument " + symbol + " (instruments: "
                    + String.join(", ", symbols) + ")");
            }
            return symbol;
        }

        private int indexOf(final String symbol)
        {
            for (int i = 0; i < instruments.size(); i++)
            {
                if (instruments.get(i).symbol().equals(symbol))
                {
                    return i;
                }
            }
            return -1;
        }

        private static List<String> eventKeys()
        {
            final List<String> keys = new ArrayList<>();
            for (final EventKind kind : EventKind.values())
            {
                keys.add(kind.key());
            }
            return keys;
        }

        private static BigDecimal positive(final YamlMap map, final String key, final BigDecimal value)
        {
            if (value.signum() <= 0)
            {
                throw map.error(key, "'" + key + "' must be positive, not " + value.toPlainString());
            }
            return value;
        }

        private static BigDecimal nonNegative(final YamlMap map, final String key, final BigDecimal value)
        {
            if (value.signum() < 0)
            {
                throw map.error(key, "'" + key + "' must not be negative, not " + value.toPlainString());
            }
            return value;
        }
    }
}
