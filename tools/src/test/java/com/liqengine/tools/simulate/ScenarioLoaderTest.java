package com.liqengine.tools.simulate;

import com.liqengine.margin.LiquidationMode;
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
            "t.yaml:12: 'price' of event 1 (mark) has more than 1 decimal (BTCUSDT's tick size is 0.1): 50000.05");
        assertError(HEAD + "  - fill: { account: 1, symbol: BTCUSDT, side: buy, qty: \"0.0015\", price: \"1\" }\n",
            "t.yaml:12: 'qty' of event 1 (fill) has more than 3 decimals (BTCUSDT's step size is 0.001): 0.0015");
    }

    @Test
    void trailingZerosAreNotDecimalsTheValueNeeds()
    {
        final Scenario scenario = parse(HEAD + "  - mark: { symbol: BTCUSDT, price: \"50000.1000000000000\" }\n");

        assertThat(scenario.events().get(0).price()).isEqualByComparingTo("50000.1");
    }

    @Test
    void amountsAndRatesWithMoreThanEightDecimalsNameTheirField()
    {
        assertError(HEAD.replace("mmr: \"0.004\"", "mmr: \"0.0066666666666666666667\""),
            "t.yaml:7: 'mmr' of a tier of BTCUSDT has more than 8 decimals (rates are kept with 8): "
                + "0.0066666666666666666667");
        assertError(HEAD.replace("maintenanceAmount: 50 ", "maintenanceAmount: 50.000000001 "),
            "t.yaml:8: 'maintenanceAmount' of a tier of BTCUSDT has more than 8 decimals");
        assertError(HEAD.replace("maxNotional: \"50000\"", "maxNotional: \"50000.123456789\""),
            "t.yaml:7: 'maxNotional' of a tier of BTCUSDT has more than 8 decimals");
        assertError(HEAD.replace("deposit: \"1000\"", "deposit: \"1000.000000001\""),
            "t.yaml:10: 'deposit' of an account has more than 8 decimals (amounts are kept with 8)");
        assertError(HEAD.replace("name: t\n", "name: t\nengine: { marginCallRatio: \"0.812345678\" }\n"),
            "t.yaml:2: 'marginCallRatio' of engine has more than 8 decimals");
        assertError(HEAD.replace("name: t\n", "name: t\nengine: { insuranceFund: 0.000000001 }\n"),
            "t.yaml:2: 'insuranceFund' of engine has more than 8 decimals");
        assertError(HEAD + "  - deposit: { account: 1, amount: \"0.000000001\" }\n",
            "t.yaml:12: 'amount' of event 1 (deposit) has more than 8 decimals (amounts are kept with 8): 0.000000001");
        assertError(HEAD + "  - fill: { account: 1, symbol: BTCUSDT, side: buy, qty: 1, price: 1, fee: 1E-9 }\n",
            "t.yaml:12: 'fee' of event 1 (fill) has more than 8 decimals");
        assertError(HEAD + "  - funding: { symbol: BTCUSDT, rate: 0.000100001 }\n",
            "t.yaml:12: 'rate' of event 1 (funding) has more than 8 decimals (rates are kept with 8)");
        assertError(HEAD.replace("tickSize: \"0.1\"", "tickSize: \"0.000000001\""),
            "t.yaml:4: 'tickSize' of an instrument has more than 8 decimals");
    }

    @Test
    void valuesBeyondSixtyFourBitsNameTheirField()
    {
        assertError(HEAD.replace("maxNotional: \"250000\"", "maxNotional: \"1E+30\""),
            "t.yaml:8: 'maxNotional' of a tier of BTCUSDT is out of range: 1000000000000000000000000000000 (with 8 "
                + "decimals at most 92233720368.54775807 in size)");
        assertError(HEAD.replace("tickSize: \"0.1\"", "tickSize: 1E+30"),
            "t.yaml:4: 'tickSize' of an instrument is out of range");
        assertError(HEAD + "  - mark: { symbol: BTCUSDT, price: \"-922337203685477580.9\" }\n",
            "t.yaml:12: 'price' of event 1 (mark) is out of range");
    }

    @Test
    void marginCallRatioAboveOneIsRefused()
    {
        assertError(HEAD.replace("name: t\n", "name: t\nengine: { marginCallRatio: 1.5 }\n"),
            "t.yaml:2: marginCallRatio must be above 0 and at most 1, not 1.5");
    }

    @Test
    void moreTiersThanTheEngineTakes()
    {
        final StringBuilder tiers = new StringBuilder();
        for (int t = 1; t <= 40; t++)
        {
            tiers.append("      - { maxNotional: ").append(t * 1000).append(", maxLeverage: 10, mmr: 0.01 }\n");
        }
        assertError("instruments:\n  - symbol: X\n    tickSize: 1\n    stepSize: 1\n    tiers:\n" + tiers,
            "t.yaml:6: X has 40 risk tiers, the engine takes at most 16");
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

    @Test
    void withoutALiquidationSectionAScenarioRunsTakeover()
    {
        final Scenario scenario = parse(HEAD);
        assertThat(scenario.liquidation().mode()).isEqualTo(LiquidationMode.TAKEOVER);
        assertThat(scenario.instruments().get(0).liquidationFeeRate()).isEqualByComparingTo("0");
        assertThat(scenario.instruments().get(0).partialFromTier()).isZero();
    }

    @Test
    void readsTheLiquidationSettingsAndEvents()
    {
        final Scenario scenario = parse("liquidation: { mode: market, maxOpenOrders: 7 }\n"
            + HEAD.replace("    tickSize: \"0.1\"\n", "    tickSize: \"0.1\"\n    liquidationFeeRate: \"0.0125\"\n"
                + "    partialFromTier: 2\n") + """
              - liquidationFill: { account: 1, symbol: BTCUSDT, qty: "0.5", price: "49000.1", tradeId: 9 }
              - liquidationDone: { account: 1, symbol: BTCUSDT }
              - liquidationDone: { account: 1, symbol: BTCUSDT, qty: "0.25" }
            """);
        assertThat(scenario.liquidation().mode()).isEqualTo(LiquidationMode.MARKET);
        assertThat(scenario.liquidation().maxOpenOrders()).isEqualTo(7);
        assertThat(scenario.instruments().get(0).liquidationFeeRate()).isEqualTo(new BigDecimal("0.0125"));
        assertThat(scenario.instruments().get(0).partialFromTier()).isEqualTo(2);
        final ScenarioEvent fill = scenario.events().get(0);
        assertThat(fill.kind()).isEqualTo(EventKind.LIQUIDATION_FILL);
        assertThat(fill.qty()).isEqualTo(new BigDecimal("0.5"));
        assertThat(fill.tradeId()).isEqualTo(9L);
        assertThat(scenario.events().get(1).qty()).isNull();
        assertThat(scenario.events().get(2).qty()).isEqualTo(new BigDecimal("0.25"));
    }

    @Test
    void wrongLiquidationSettingsNameTheirLineAndField()
    {
        assertError("liquidation: { mode: auction }\n" + HEAD,
            "t.yaml:1: 'mode' of liquidation must be one of takeover, market");
        assertError("liquidation: { maxOpenOrders: 0 }\n" + HEAD,
            "t.yaml:1: maxOpenOrders must be from 1 to 16777216, not 0");
        assertError("liquidation: { fundFloor: \"-3000000000\" }\n" + HEAD,
            "t.yaml:1: fundFloor must be within ±2882303761.51711744, not -3000000000");
        assertError(HEAD.replace("    stepSize: 0.001\n", "    stepSize: 0.001\n    liquidationFeeRate: \"1.5\"\n"),
            "t.yaml:6: liquidationFeeRate must be from 0 to 1, not 1.5");
        assertError(HEAD.replace("    stepSize: 0.001\n", "    stepSize: 0.001\n    partialFromTier: 3\n"),
            "t.yaml:6: partialFromTier must be 0 (never partial) or a tier of BTCUSDT from 1 to 2, not 3");
        assertError(HEAD + "  - liquidationFill: { account: 1, symbol: BTCUSDT, qty: \"1\" }\n",
            "t.yaml:12: event 1 (liquidationFill) needs 'price'");
        assertError(HEAD + "  - liquidationDone: { account: 1, symbol: BTCUSDT, qty: \"0.0001\" }\n",
            "t.yaml:12: 'qty' of event 1 (liquidationDone) has more than 3 decimals");
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
