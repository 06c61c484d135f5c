package com.liqengine.snapshot;

import java.nio.file.Path;

/**
 * For tests: runs while a snapshot is written, after its temporary file is forced and before it is renamed over
 * its final name, so a test can look at the folder in the middle of a write.
 */
@FunctionalInterface
interface WriteHook
{
    /** No hook. */
    WriteHook NONE = (temporary, target) ->
    {
    };

    /**
     * @param temporary the file written so far.
     * @param target the name it is about to get.
     */
    void beforeRename(Path temporary, Path target);
}
