package com.liqengine.tools.simulate;

import java.util.List;

/**
 * The kinds of scenario event, by the key that names them in the file, with the fields each one takes.
 */
public enum EventKind
{
    MARK("mark", List.of("symbol", "price"), List.of()),
    FILL("fill", List.of("account", "symbol", "side", "qty", "price"), List.of("fee", "tradeId")),
    DEPOSIT("deposit", List.of("account", "amount"), List.of()),
    WITHDRAW("withdraw", List.of("account", "amount"), List.of()),
    MODE("mode", List.of("account", "symbol", "mode"), List.of()),
    LEVERAGE("leverage", List.of("account", "symbol", "leverage"), List.of()),
    ADD_MARGIN("addMargin", List.of("account", "symbol", "amount"), List.of()),
    REMOVE_MARGIN("removeMargin", List.of("account", "symbol", "amount"), List.of()),
    FUNDING("funding", List.of("symbol", "rate"), List.of()),
    /** A fill of the open liquidation order of the account and symbol (the simulator finds its id). */
    LIQUIDATION_FILL("liquidationFill", List.of("account", "symbol", "qty", "price"), List.of("tradeId")),
    /** The end of that order; {@code qty}: what the book says it filled (default: what its fills add up to). */
    LIQUIDATION_DONE("liquidationDone", List.of("account", "symbol"), List.of("qty"));

    private final String key;
    private final List<String> required;
    private final List<String> optional;

    EventKind(final String key, final List<String> required, final List<String> optional)
    {
        this.key = key;
        this.required = required;
        this.optional = optional;
    }

    /**
     * @return the key naming this kind in a scenario file.
     */
    public String key()
    {
        return key;
    }

    /**
     * @return fields that must be given.
     */
    public List<String> required()
    {
        return required;
    }

    /**
     * @return fields that may be given.
     */
    public List<String> optional()
    {
        return optional;
    }

    /**
     * @param key as written in the file.
     * @return the kind, or null.
     */
    public static EventKind ofKey(final String key)
    {
        for (final EventKind kind : values())
        {
            if (kind.key.equals(key))
            {
                return kind;
            }
        }
        return null;
    }
}
