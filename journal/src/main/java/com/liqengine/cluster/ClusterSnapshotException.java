package com.liqengine.cluster;

/**
 * A snapshot the clustered service refuses to start from: damaged, incomplete, of another format, or not fitting
 * this node's settings. The message names what is wrong; the node does not start with a different state.
 */
public final class ClusterSnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong.
     */
    public ClusterSnapshotException(final String message)
    {
        super(message);
    }
}
