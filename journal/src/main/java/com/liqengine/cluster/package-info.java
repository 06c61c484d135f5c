/**
 * The engine replicated on Aeron Cluster (docs/cluster.md): the margin state machine as a clustered service, the
 * envelope an input source wraps each input in, the acknowledgements the leader sends back, the nodes and the
 * ingress client.
 */
package com.liqengine.cluster;
