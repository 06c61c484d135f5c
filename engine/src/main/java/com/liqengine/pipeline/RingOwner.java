package com.liqengine.pipeline;

/**
 * What a publisher needs from the ring's owner: whether publishing is still allowed.
 */
interface RingOwner
{
    /**
     * @throws IllegalStateException when the owner stopped or closed.
     */
    void checkRunning();
}
