package cache_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/internal/conformance"
)

// TestConformance: the component rules of package conformance for a Valkey replication group and
// a Memcached cluster, with cache's import budget.
func TestConformance(t *testing.T) {
	for _, engine := range []cache.Engine{cache.EngineValkey, cache.EngineMemcached} {
		t.Run(string(engine), func(t *testing.T) {
			conformance.Check(t, conformance.Component{
				Token: cache.Token,
				New: func(ctx *pulumi.Context, name string, nodes int, opts ...pulumi.ResourceOption) error {
					args := prodArgs()
					args.Engine, args.NodeCount = engine, nodes
					_, err := cache.NewCacheCluster(ctx, name, args, opts...)
					return err
				},
				Counts:  [2]int{2, 3},
				Budget:  conformance.Budget{AWS: []string{"cloudwatch", "ec2", "elasticache", "secretsmanager", "vpc"}},
				Outputs: &cache.CacheCluster{},
			})
		})
	}
}
