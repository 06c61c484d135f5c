package com.liqengine.cluster;

import com.liqengine.journal.InputQueueReader;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.snapshot.SnapshotFile;
import io.aeron.cluster.service.ClusteredService;

/**
 * The clustered service a cluster test runs, and what a single process applying the same inputs once, in order,
 * ends at: the tests take it as a parameter, so the engine's service runs through the same failovers as the
 * envelope test service.
 */
interface ServiceUnderTest
{
    /** The envelope test service: its state is a hash of the applied inputs' bytes. */
    ServiceUnderTest ENVELOPE_TEST_SERVICE = new ServiceUnderTest()
    {
        @Override
        public ClusteredService newService(final EngineConfig node, final int sourcesCapacity)
        {
            return new EnvelopeTestService(node, sourcesCapacity);
        }

        @Override
        public Expected expected(final EngineConfig engine)
        {
            final long[] state = {0, 0};
            try (InputQueueReader queue = InputQueueReader.open(engine.inputQueue(), true))
            {
                while (queue.poll((index, buffer, offset, length) ->
                {
                    state[0]++;
                    state[1] = EnvelopeTestService.apply(state[1], buffer, offset, length);
                }, 1_000) > 0)
                {
                    Thread.onSpinWait();
                }
            }
            return new Expected(state[0], SnapshotFile.hex(state[1]));
        }

        @Override
        public String toString()
        {
            return "envelope test service";
        }
    };

    /**
     * @param node the node's engine configuration (its own paths).
     * @param sourcesCapacity input sources the state keeps a sequence for.
     * @return a new service for one node.
     */
    ClusteredService newService(EngineConfig node, int sourcesCapacity);

    /**
     * @param engine the engine configuration whose input queue the ingress read.
     * @return the sequence and state hash of applying every input of the queue once, in order.
     */
    Expected expected(EngineConfig engine);

    /**
     * @param engineSequence inputs applied.
     * @param stateHash as node-status.txt writes it.
     */
    record Expected(long engineSequence, String stateHash)
    {
    }
}
