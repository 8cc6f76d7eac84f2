package tests_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// TestOneKeySwitchesAnEngineOrMode: setting one documented key to any of its values is enough
// in either stack. Baseline values that belong to another engine or mode (prod's RDS storage
// under Aurora, dev's db.t4g.micro under Aurora, Memcached's snapshots and Multi-AZ, CPU targets
// under request scaling) are replaced, never reported.
func TestOneKeySwitchesAnEngineOrMode(t *testing.T) {
	switches := []struct {
		section, setting string
		values           []string // JSON values
	}{
		{"database", "engine", []string{`"postgres"`, `"mysql"`, `"aurora-postgresql"`, `"aurora-mysql"`}},
		{"database", "readReplicas", []string{"0", "1", "15"}},
		{"cache", "engine", []string{`"valkey"`, `"redis"`, `"memcached"`}},
		{"cache", "nodeCount", []string{"1", "2", "6"}},
		{"network", "natGateways", []string{`"none"`, `"single"`, `"onePerAz"`}},
		{"web", "scalingMetric", []string{`"cpu"`, `"requests"`}},
	}
	for _, stack := range []string{"dev", "prod"} {
		for _, sw := range switches {
			for _, v := range sw.values {
				override := map[string]string{"tenk:" + sw.section: fmt.Sprintf(`{%q: %s}`, sw.setting, v)}
				t.Run(fmt.Sprintf("%s/%s.%s=%s", stack, sw.section, sw.setting, v), func(t *testing.T) {
					_, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: stack, Config: stackConfig(t, stack, override)})
					require.NoError(t, err, "setting only tenk:%s.%s must be enough", sw.section, sw.setting)
				})
			}
		}
	}
}

// TestSwitchedEnginesDropForeignBaselineValues checks what the replaced baseline values become.
func TestSwitchedEnginesDropForeignBaselineValues(t *testing.T) {
	t.Run("prod Aurora has no RDS storage", func(t *testing.T) {
		m := runStack(t, "prod", map[string]string{"tenk:database": `{"engine": "aurora-postgresql"}`})
		cluster := m.One(t, "aws:rds/cluster:Cluster")
		assert.False(t, cluster.Has("allocatedStorage"), "Aurora storage grows by itself")
		for _, r := range m.ByType("aws:rds/clusterInstance:ClusterInstance") {
			assert.Equal(t, "db.r7g.large", r.String("instanceClass"), r.Name)
		}
		assert.Empty(t, m.ByType("aws:rds/instance:Instance"), "no RDS instances beside the cluster")
	})
	t.Run("dev Aurora gets Aurora's smallest class", func(t *testing.T) {
		m := runStack(t, "dev", map[string]string{"tenk:database": `{"engine": "aurora-mysql"}`})
		for _, r := range m.ByType("aws:rds/clusterInstance:ClusterInstance") {
			assert.Equal(t, "db.t4g.medium", r.String("instanceClass"), r.Name)
		}
	})
	t.Run("prod Aurora without readers drops Multi-AZ", func(t *testing.T) {
		m := runStack(t, "prod", map[string]string{"tenk:database": `{"engine": "aurora-postgresql", "readReplicas": 0}`})
		assert.Len(t, m.ByType("aws:rds/clusterInstance:ClusterInstance"), 1, "the writer alone")
	})
	t.Run("prod Memcached has no snapshots or Multi-AZ", func(t *testing.T) {
		m := runStack(t, "prod", map[string]string{"tenk:cache": `{"engine": "memcached"}`})
		c := m.One(t, "aws:elasticache/cluster:Cluster")
		assert.Equal(t, "memcached", c.String("engine"))
		assert.False(t, c.Has("snapshotRetentionLimit"))
		assert.Empty(t, m.ByType("aws:elasticache/replicationGroup:ReplicationGroup"))
	})
	t.Run("prod one cache node drops Multi-AZ", func(t *testing.T) {
		m := runStack(t, "prod", map[string]string{"tenk:cache": `{"nodeCount": 1}`})
		rg := m.One(t, "aws:elasticache/replicationGroup:ReplicationGroup")
		assert.False(t, rg.Bool("multiAzEnabled"))
		assert.False(t, rg.Bool("automaticFailoverEnabled"))
		assert.Equal(t, float64(7), rg.Number("snapshotRetentionLimit"), "the rest of the prod baseline stays")
	})
	t.Run("request scaling tracks requests, not the CPU baseline", func(t *testing.T) {
		for _, stack := range []string{"dev", "prod"} {
			m := runStack(t, stack, map[string]string{"tenk:web": `{"scalingMetric": "requests"}`})
			p := m.One(t, "aws:autoscaling/policy:Policy")
			assert.Equal(t, "ALBRequestCountPerTarget", p.String("targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType"), stack)
			assert.Equal(t, float64(1000), p.Number("targetTrackingConfiguration.targetValue"), stack)
		}
		m := runStack(t, "prod", map[string]string{"tenk:web": `{"scalingMetric": "requests", "scalingTarget": 50}`})
		assert.Equal(t, float64(50), m.One(t, "aws:autoscaling/policy:Policy").Number("targetTrackingConfiguration.targetValue"), "a target the stack sets is kept")
	})
}
