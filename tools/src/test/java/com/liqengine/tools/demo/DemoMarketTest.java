package com.liqengine.tools.demo;

import com.liqengine.api.InputEncoder;
import com.liqengine.codec.MarkPriceTickDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.SetLeverageDecoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market regimes differ as their names say: the calm market never sets leverage above 10x and its marks
 * move less from tick to tick than those of the market with crashes; the same seed and regime give the same
 * inputs.
 */
class DemoMarketTest
{
    private static final int ACCOUNTS = 500;
    private static final int EVENTS = 200_000;

    @Test
    void calmMarketKeepsLeverageAtMostTenAndMovesLess()
    {
        final Summary crashes = summarize(new DemoMarket(7, ACCOUNTS, MarketRegime.CRASHES));
        final Summary calm = summarize(new DemoMarket(7, ACCOUNTS, MarketRegime.CALM));

        assertThat(calm.highestLeverage).isLessThanOrEqualTo(10);
        assertThat(crashes.highestLeverage).isGreaterThan(10);
        assertThat(calm.largestRelativeMove).isLessThan(crashes.largestRelativeMove);
        assertThat(calm.ticks).isPositive();
    }

    @Test
    void theSameSeedAndRegimeGiveTheSameInputs()
    {
        final DemoMarket first = new DemoMarket(3, 50, MarketRegime.CALM);
        final DemoMarket second = new DemoMarket(3, 50, MarketRegime.CALM);
        final InputEncoder a = new InputEncoder();
        final InputEncoder b = new InputEncoder();
        for (int n = 1; n <= 10_000; n++)
        {
            final int length = first.next(a, n);
            assertThat(second.next(b, n)).isEqualTo(length);
            for (int i = 0; i < length; i++)
            {
                assertThat(b.buffer().getByte(i)).as("event %d byte %d", n, i).isEqualTo(a.buffer().getByte(i));
            }
        }
    }

    private static Summary summarize(final DemoMarket market)
    {
        final Summary summary = new Summary();
        final InputEncoder encoder = new InputEncoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final SetLeverageDecoder leverage = new SetLeverageDecoder();
        final MarkPriceTickDecoder tick = new MarkPriceTickDecoder();
        final long[] lastMark = new long[market.instruments().size()];
        for (int n = 0; n < market.setUpCount() + EVENTS; n++)
        {
            if (n < market.setUpCount())
            {
                market.setUp(encoder, n);
            }
            else
            {
                market.next(encoder, n);
            }
            header.wrap(encoder.buffer(), 0);
            if (header.templateId() == SetLeverageDecoder.TEMPLATE_ID)
            {
                leverage.wrapAndApplyHeader(encoder.buffer(), 0, header);
                summary.highestLeverage = Math.max(summary.highestLeverage, leverage.leverage());
            }
            else if (header.templateId() == MarkPriceTickDecoder.TEMPLATE_ID)
            {
                tick.wrapAndApplyHeader(encoder.buffer(), 0, header);
                final int instrument = tick.instrumentId();
                if (lastMark[instrument] > 0)
                {
                    final long change = Math.abs(tick.price() - lastMark[instrument]);
                    final double move = change / (double)lastMark[instrument];
                    summary.largestRelativeMove = Math.max(summary.largestRelativeMove, move);
                    summary.ticks++;
                }
                lastMark[instrument] = tick.price();
            }
        }
        return summary;
    }

    private static final class Summary
    {
        int highestLeverage;
        double largestRelativeMove;
        long ticks;
    }
}
