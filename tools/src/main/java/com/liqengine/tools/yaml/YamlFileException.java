package com.liqengine.tools.yaml;

/**
 * A scenario or configuration file that is wrong, with the place in the file: printed as
 * {@code FILE:LINE: what is wrong}.
 */
public final class YamlFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    /**
     * @param file the file as the user named it.
     * @param line 1-based line, or 0 when the whole file is at fault.
     * @param problem what is wrong, in the user's words.
     */
    public YamlFileException(final String file, final int line, final String problem)
    {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /**
     * @return the scenario file.
     */
    public String file()
    {
        return file;
    }

    /**
     * @return the 1-based line, 0 when unknown.
     */
    public int line()
    {
        return line;
    }

    /**
     * @return what is wrong, without the place.
     */
    public String problem()
    {
        return problem;
    }
}
