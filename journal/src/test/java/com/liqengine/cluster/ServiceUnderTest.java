package com.liqengine.cluster;

import com.liqengine.journal.InputQueueReader;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.Queues;
import com.liqengine.snapshot.SnapshotFile;
import io.aeron.cluster.service.ClusteredService;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

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
     * Checks that every member's output queue holds the single process's outputs, each once, in order (a consumer
     * that follows any member, and moves to another's, then gets each once: FailoverOutputConsumerTest).
     *
     * @param config the cluster.
     * @param engine the engine configuration whose input queue the ingress read.
     */
    default void assertEveryOutputOnce(final ClusterConfig config, final EngineConfig engine)
    {
        // the envelope test service writes no outputs
    }

    /** The engine's clustered service: its state is the margin state machine's. */
    ServiceUnderTest ENGINE_SERVICE = new ServiceUnderTest()
    {
        @Override
        public ClusteredService newService(final EngineConfig node, final int sourcesCapacity)
        {
            return new EngineClusteredService(node, sourcesCapacity);
        }

        @Override
        public Expected expected(final EngineConfig engine)
        {
            final List<byte[]> inputs = Queues.inputQueue(engine.inputQueue());
            return new Expected(inputs.size(), SnapshotFile.hex(new StraightRun(engine, inputs).stateHash()));
        }

        @Override
        public void assertEveryOutputOnce(final ClusterConfig config, final EngineConfig engine)
        {
            final List<byte[]> inputs = Queues.inputQueue(engine.inputQueue());
            final List<byte[]> outputs = new StraightRun(engine, inputs).outputs;
            for (int member = 0; member < config.memberCount(); member++)
            {
                final Path queue = config.engineFor(member).outputs();
                // a member completes its output queue after the message that caused the outputs: wait for it
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (Queues.documents(queue).size() < outputs.size() && System.nanoTime() - deadline < 0)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                assertThat(Queues.documents(queue)).as("member %d's output queue: every output of the single "
                    + "process once, in order", member).containsExactlyElementsOf(outputs);
            }
        }

        @Override
        public String toString()
        {
            return "engine service";
        }
    };

    /**
     * @param engineSequence inputs applied.
     * @param stateHash as node-status.txt writes it.
     */
    record Expected(long engineSequence, String stateHash)
    {
        /**
         * Whether a node's status file shows this state, its hash computed at this sequence.
         *
         * @param statusFile the node's node-status.txt.
         * @param last receives what the file showed (or why it could not be read), for a failure's message.
         * @return true when it does.
         */
        boolean shownBy(final Path statusFile, final List<String> last)
        {
            final NodeStatus status;
            try
            {
                status = NodeStatus.read(statusFile);
            }
            catch (final IllegalStateException ex)
            {
                last.set(0, ex.getMessage());
                return false;
            }
            last.set(0, status.toString());
            return status.stateHashSequence() == engineSequence && status.engineSequence() == engineSequence
                && stateHash.equals(SnapshotFile.hex(status.stateHash()));
        }
    }
}
