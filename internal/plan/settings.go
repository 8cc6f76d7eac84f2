package plan

import (
	"fmt"
	"strconv"
	"strings"
)

// setting names one input worth showing for a type: a label and a dotted input path.
type setting struct{ label, path string }

// keySettings are, per type token, the inputs that decide size, availability and engines: the
// AZs, instance types and counts, replicas, Multi-AZ and engines a reviewer checks first. A type
// listed here is a "key child" of its component in the tree and the diagram.
var keySettings = map[string][]setting{
	"awsx:ec2:Vpc": {
		{"azs", "availabilityZoneNames"}, {"natGateways", "natGateways.strategy"}, {"cidr", "cidrBlock"},
	},
	"aws:ec2/securityGroup:SecurityGroup": {{"description", "description"}},
	"aws:lb/loadBalancer:LoadBalancer": {
		{"type", "loadBalancerType"}, {"internal", "internal"}, {"subnets", "subnets"},
		{"deletionProtection", "enableDeletionProtection"},
	},
	"aws:ec2/launchTemplate:LaunchTemplate": {
		{"instanceType", "instanceType"}, {"rootVolumeGiB", "blockDeviceMappings.0.ebs.volumeSize"},
	},
	"aws:autoscaling/group:Group": {
		{"min", "minSize"}, {"desired", "desiredCapacity"}, {"max", "maxSize"},
		{"subnets", "vpcZoneIdentifiers"}, {"healthCheck", "healthCheckType"},
	},
	"aws:ec2/instance:Instance": {{"instanceType", "instanceType"}, {"az", "availabilityZone"}},
	"aws:rds/instance:Instance": {
		{"engine", "engine"}, {"version", "engineVersion"}, {"class", "instanceClass"},
		{"multiAz", "multiAz"}, {"replicaOf", "replicateSourceDb"}, {"az", "availabilityZone"},
		{"storageGiB", "allocatedStorage"}, {"maxStorageGiB", "maxAllocatedStorage"},
		{"deletionProtection", "deletionProtection"},
	},
	"aws:rds/cluster:Cluster": {
		{"engine", "engine"}, {"version", "engineVersion"}, {"deletionProtection", "deletionProtection"},
	},
	"aws:rds/clusterInstance:ClusterInstance": {
		{"class", "instanceClass"}, {"az", "availabilityZone"}, {"promotionTier", "promotionTier"},
	},
	"aws:elasticache/replicationGroup:ReplicationGroup": {
		{"engine", "engine"}, {"version", "engineVersion"}, {"nodeType", "nodeType"},
		{"nodes", "numCacheClusters"}, {"shards", "numNodeGroups"}, {"replicasPerShard", "replicasPerNodeGroup"},
		{"multiAz", "multiAzEnabled"}, {"failover", "automaticFailoverEnabled"}, {"azs", "preferredCacheClusterAzs"},
	},
	"aws:elasticache/cluster:Cluster": {
		{"engine", "engine"}, {"version", "engineVersion"}, {"nodeType", "nodeType"}, {"nodes", "numCacheNodes"},
		{"azMode", "azMode"},
	},
	"aws:dynamodb/table:Table": {
		{"billing", "billingMode"}, {"pitr", "pointInTimeRecovery.enabled"},
		{"deletionProtection", "deletionProtectionEnabled"}, {"ttl", "ttl.attributeName"},
	},
	"aws:s3/bucketV2:BucketV2": {{"forceDestroy", "forceDestroy"}},
	"aws:cloudfront/distribution:Distribution": {
		{"priceClass", "priceClass"}, {"aliases", "aliases"}, {"webAcl", "webAclId"},
	},
	"aws:cloudfront/vpcOrigin:VpcOrigin": {
		{"protocol", "vpcOriginEndpointConfig.originProtocolPolicy"}, {"httpPort", "vpcOriginEndpointConfig.httpPort"},
		{"httpsPort", "vpcOriginEndpointConfig.httpsPort"},
	},
}

// settingsOf formats the key settings a resource has set, in the table's order.
func settingsOf(r *Resource) []Setting {
	var out []Setting
	for _, s := range keySettings[r.Type] {
		v, ok := r.Get(s.path)
		if !ok {
			continue
		}
		out = append(out, Setting{Name: s.label, Value: formatValue(v)})
	}
	return out
}

// formatValue renders an input value on one line: lists comma-separated, numbers without
// trailing zeros.
func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = formatValue(item)
		}
		return strings.Join(parts, ",")
	case nil:
		return "null"
	default:
		return fmt.Sprint(x)
	}
}

// settingsLine joins settings as "name=value name=value".
func settingsLine(settings []Setting) string {
	parts := make([]string, len(settings))
	for i, s := range settings {
		parts[i] = s.Name + "=" + s.Value
	}
	return strings.Join(parts, " ")
}
