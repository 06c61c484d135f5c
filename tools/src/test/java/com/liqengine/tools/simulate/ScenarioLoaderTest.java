package com.liqengine.tools.simulate;

import com.liqengine.tools.yaml.YamlFileException;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wrong scenario stops with the file, the line and what is wrong; a right one is read exactly.
 */
class ScenarioLoaderTest
{
    private static final String HEAD = """
        name: t
        instruments:
          - symbol: BTCUSDT
            tickSize: "0.1"
            stepSize: 0.001
            tiers:
              - { maxNotional: "50000",  maxLeverage: 125, mmr: "0.004", maintenanceAmount: "0" }
              - { maxNotional: "250000", maxLeverage: 100, mmr: 0.005, maintenanceAmount: 50 }
        accounts:
          - { id: 1, deposit: "1000" }
        events:
        """;

    @Test
    void readsNumbersAsExactDecimalsWhetherQuotedOrNot()
    {
        final Scenario scenario = parse(HEAD + """
              - fill: { account: 1, symbol: BTCUSDT, side: sell, qty: 0.1, price: "50000.1", fee: 0.00000001 }
              - funding: { symbol: BTCUSDT, rate: -0.0001 }
            """);

        final ScenarioInstrument btc = scenario.instruments().get(0);
        assertThat(btc.priceDecimals()).isEqualTo(1);
        assertThat(btc.qtyDecimals()).isEqualTo(3);
        assertThat(btc.tiers().get(1).mmr()).isEqualTo(new BigDecimal("0.005"));
        final ScenarioEvent fill = scenario.events().get(0);
        assertThat(fill.line()).isEqualTo(12);
        assertThat(fill.price()).isEqualTo(new BigDecimal("50000.1"));
        assertThat(fill.fee()).isEqualTo(new BigDecimal("0.00000001"));
        assertThat(scenario.events().get(1).rate()).isEqualTo(new BigDecimal("-0.0001"));
    }

    @Test
    void unknownFieldNamesItsLineAndTheAllowedFields()
    {
        assertError(HEAD + "  - mark: { symbol: BTCUSDT, prize: \"1\" }\n",
            "t.yaml:12: unknown field 'prize' in event 1 (mark) (allowed: symbol, price)");
    }

    @Test
    void unknownEventType()
    {
        assertError(HEAD + "  - liquidate: { account: 1 }\n", "t.yaml:12: unknown field 'liquidate'");
    }

    @Test
    void badNumber()
    {
        assertError(HEAD + "  - deposit: { account: 1, amount: \"12,5\" }\n",
            "t.yaml:12: 'amount' of event 1 (deposit) is not a decimal number: '12,5'");
    }

    @Test
    void moreDecimalsThanTheInstrumentCarries()
    {
        assertError(HEAD + "  - mark: { symbol: BTCUSDT, price: \"50000.05\" }\n",
            "t.yaml:12: 'price' 50000.05 has more than 1 decimals");
    }

    @Test
    void unknownInstrument()
    {
        assertError(HEAD + "  - mark: { symbol: ETHUSDT, price: \"3000\" }\n",
            "t.yaml:12: unknown instrument ETHUSDT (instruments: BTCUSDT)");
    }

    @Test
    void unknownAccount()
    {
        assertError(HEAD + "  - deposit: { account: 9, amount: \"1\" }\n", "t.yaml:12: unknown account 9");
    }

    @Test
    void missingField()
    {
        assertError(HEAD + "  - fill: { account: 1, symbol: BTCUSDT, side: buy, qty: \"1\" }\n",
            "t.yaml:12: event 1 (fill) needs 'price'");
    }

    @Test
    void badWord()
    {
        assertError(HEAD + "  - mode: { account: 1, symbol: BTCUSDT, mode: hedged }\n",
            "t.yaml:12: 'mode' of event 1 (mode) must be one of isolated, cross, not 'hedged'");
    }

    @Test
    void eventWithTwoTypes()
    {
        assertError(HEAD + "  - { mark: { symbol: BTCUSDT, price: \"1\" }, funding: { symbol: BTCUSDT, rate: 0 } }\n",
            "t.yaml:12: event 1 must have exactly one key");
    }

    @Test
    void brokenYamlNamesTheLine()
    {
        assertError(HEAD + "  - mark: { symbol: BTCUSDT, price: \"1\"\n  - mark: {}\n", "t.yaml:13: not valid YAML");
    }

    @Test
    void inconsistentTiersAreRefusedWithTheConsistentAmounts()
    {
        final Scenario scenario = parse(HEAD.replace("maintenanceAmount: 50", "maintenanceAmount: 60"));

        assertThatThrownBy(() -> ScenarioRunner.run(scenario, ModePolicy.AS_WRITTEN))
            .isInstanceOf(YamlFileException.class)
            .hasMessageStartingWith("t.yaml:3: the engine refuses instrument BTCUSDT: INVALID_TIERS")
            .hasMessageContaining("0, 50)");
    }

    @Test
    void missingFile()
    {
        assertThatThrownBy(() -> ScenarioLoader.load(java.nio.file.Path.of("no-such.yaml")))
            .hasMessage("no-such.yaml: no such file");
    }

    private static Scenario parse(final String yaml)
    {
        return ScenarioLoader.parse("t.yaml", new StringReader(yaml));
    }

    private static void assertError(final String yaml, final String expectedStart)
    {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(YamlFileException.class)
            .hasMessageStartingWith(expectedStart);
    }
}
