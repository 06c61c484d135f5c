package com.liqengine.tools;

/**
 * Entry point of the {@code liq} command line.
 */
public final class Liq
{
    private Liq()
    {
    }

    /**
     * Runs the command line.
     *
     * @param args the command and its options.
     */
    public static void main(final String[] args)
    {
        System.out.println("liq");
    }
}
