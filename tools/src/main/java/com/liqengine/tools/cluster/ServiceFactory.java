package com.liqengine.tools.cluster;

import com.liqengine.runtime.EngineConfig;
import io.aeron.cluster.service.ClusteredService;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes the clustered service a node runs. The engine's service ({@code EngineClusteredService}) is built on its own
 * branch: until it is merged, {@link #engine} refuses with a clear message and only a named class runs (the tests'
 * envelope service, through the hidden {@code --service-class} option).
 */
final class ServiceFactory
{
    private ServiceFactory()
    {
    }

    /**
     * The engine as a clustered service.
     *
     * @param node the node's engine configuration (its own paths).
     * @param sourcesCapacity input sources the state keeps a sequence for.
     * @return the service.
     */
    static ClusteredService engine(final EngineConfig node, final int sourcesCapacity)
    {
        // after the merge, this one line: return new EngineClusteredService(node, sourcesCapacity);
        throw new IllegalStateException("the clustered engine service (EngineClusteredService) is not merged into "
            + "this build yet");
    }

    /**
     * A service named by its class, which has a constructor taking the node's {@link EngineConfig} and the sources
     * capacity.
     *
     * @param className the class.
     * @param node the node's engine configuration.
     * @param sourcesCapacity input sources the state keeps a sequence for.
     * @return the service.
     */
    static ClusteredService named(final String className, final EngineConfig node, final int sourcesCapacity)
    {
        try
        {
            final Constructor<?> constructor =
                Class.forName(className).getDeclaredConstructor(EngineConfig.class, int.class);
            constructor.setAccessible(true);
            return (ClusteredService)constructor.newInstance(node, sourcesCapacity);
        }
        catch (final ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
            | ClassCastException ex)
        {
            throw new IllegalArgumentException("--service-class " + className + ": not a clustered service with a "
                + "(EngineConfig, int) constructor on the class path: " + ex, ex);
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalStateException(className + " could not start: " + ex.getCause(), ex.getCause());
        }
    }
}
