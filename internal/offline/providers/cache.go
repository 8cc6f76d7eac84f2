package providers

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// ElastiCache stubs; the log group stub, which names groups as ElastiCache's are named, serves
// every component's log groups.
var elasticacheStubs = []monitor.Stub{
	{Token: "aws:elasticache/replicationGroup:ReplicationGroup", Outputs: elasticacheReplicationGroupOutputs},
	{Token: "aws:elasticache/cluster:Cluster", Outputs: elasticacheClusterOutputs},
	{Token: "aws:elasticache/subnetGroup:SubnetGroup", Outputs: autoNamedOutputs},
	{Token: "aws:elasticache/parameterGroup:ParameterGroup", Outputs: autoNamedOutputs},
	{Token: "aws:cloudwatch/logGroup:LogGroup", Outputs: autoNamedOutputs},
}

// autoNamedOutputs stands in for Pulumi auto-naming, which the provider applies and mocks do not:
// the given name, or "<logical name>-1a2b3c4" lower-cased, as ElastiCache stores names.
func autoNamedOutputs(r monitor.Resource) resource.PropertyMap {
	name := r.String("name")
	if name == "" {
		name = strings.ToLower(r.Name) + "-1a2b3c4"
	}
	return resource.PropertyMap{"name": resource.NewProperty(name)}
}

// elasticacheReplicationGroupOutputs stands in for the provider's computed replication group
// outputs: the primary and reader endpoint host names in ElastiCache's "master." / "replica."
// form, the port (6379 unless given), and one member cache cluster per node, named as
// ElastiCache names them ("<group id>-001", …) from the mock ID.
func elasticacheReplicationGroupOutputs(r monitor.Resource) resource.PropertyMap {
	id := r.Name + "-id"
	host := strings.ToLower(id) + ".abc123.use1.cache.amazonaws.com"
	port := r.Number("port")
	if port == 0 {
		port = 6379
	}
	n := int(r.Number("numCacheClusters"))
	if n <= 0 {
		n = 1
	}
	members := make([]string, n)
	for i := range members {
		members[i] = fmt.Sprintf("%s-%03d", id, i+1)
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"primaryEndpointAddress": "master." + host,
		"readerEndpointAddress":  "replica." + host,
		"port":                   port,
		"memberClusters":         members,
	})
}

// elasticacheClusterOutputs stands in for a Memcached cluster's computed outputs: the
// configuration endpoint ("<host>:<port>", as the provider reports it), its bare host name
// (clusterAddress), the port (11211 unless given), and one cache node per numCacheNodes.
func elasticacheClusterOutputs(r monitor.Resource) resource.PropertyMap {
	id := r.Name + "-id"
	host := strings.ToLower(id) + ".abc123.cfg.use1.cache.amazonaws.com"
	port := r.Number("port")
	if port == 0 {
		port = 11211
	}
	nodes := []any{}
	azs := r.Strings("preferredAvailabilityZones")
	for i := 0; i < int(r.Number("numCacheNodes")); i++ {
		az := ""
		if i < len(azs) {
			az = azs[i]
		}
		nodes = append(nodes, map[string]any{
			"id":               fmt.Sprintf("%04d", i+1),
			"address":          fmt.Sprintf("%s.%04d.abc123.use1.cache.amazonaws.com", strings.ToLower(id), i+1),
			"port":             port,
			"availabilityZone": az,
		})
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"configurationEndpoint": fmt.Sprintf("%s:%d", host, int(port)),
		"clusterAddress":        host,
		"port":                  port,
		"cacheNodes":            nodes,
	})
}
