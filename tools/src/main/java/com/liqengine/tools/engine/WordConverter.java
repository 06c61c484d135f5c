package com.liqengine.tools.engine;

import com.liqengine.runtime.EngineConfig;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option's word (e.g. {@code inline-journal}, {@code calm}) as the enum constant it names, the way
 * configuration files spell them ({@link EngineConfig#parseWord}); a word that names none is picocli's usage
 * error, listing the words there are.
 */
public final class WordConverter
{
    private WordConverter()
    {
    }

    /**
     * @param type the enum.
     * @param text the word.
     * @param <E> the enum's type.
     * @return the constant.
     * @throws TypeConversionException when the word names no constant.
     */
    public static <E extends Enum<E>> E parse(final Class<E> type, final String text)
    {
        final E value = EngineConfig.parseWord(type, text);
        if (value == null)
        {
            throw new TypeConversionException("'" + text + "' is not one of " + EngineConfig.words(type));
        }
        return value;
    }
}
