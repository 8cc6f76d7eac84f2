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
// in dev, and in prod unless the switch drops an availability value of the prod baseline
// (Multi-AZ, snapshots): there the stack file also writes that value (prodAlso), and the error
// without it names it. Baseline values that belong to another engine or mode (RDS storage under
// Aurora, dev's db.t4g.micro under Aurora, CPU targets under request scaling) are replaced, never
// reported.
func TestOneKeySwitchesAnEngineOrMode(t *testing.T) {
	switches := []struct {
		section, setting string
		values           []string          // JSON values
		prodAlso         map[string]string // value → what prod also writes
	}{
		{section: "database", setting: "engine", values: []string{`"postgres"`, `"mysql"`, `"aurora-postgresql"`, `"aurora-mysql"`}},
		{section: "database", setting: "readReplicas", values: []string{"0", "1", "15"}},
		{section: "cache", setting: "engine", values: []string{`"valkey"`, `"redis"`, `"memcached"`},
			prodAlso: map[string]string{`"memcached"`: `"multiAz": false, "snapshotRetentionDays": 0`}},
		{section: "cache", setting: "nodeCount", values: []string{"1", "2", "6"}, prodAlso: map[string]string{"1": `"multiAz": false`}},
		{section: "network", setting: "natGateways", values: []string{`"none"`, `"single"`, `"onePerAz"`}},
		{section: "web", setting: "scalingMetric", values: []string{`"cpu"`, `"requests"`}},
	}
	for _, stack := range []string{"dev", "prod"} {
		for _, sw := range switches {
			for _, v := range sw.values {
				object := fmt.Sprintf(`{%q: %s}`, sw.setting, v)
				also := sw.prodAlso[v]
				t.Run(fmt.Sprintf("%s/%s.%s=%s", stack, sw.section, sw.setting, v), func(t *testing.T) {
					override := map[string]string{"tenk:" + sw.section: object}
					_, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: stack, Config: stackConfig(t, stack, override)})
					if stack == "dev" || also == "" {
						require.NoError(t, err, "setting only tenk:%s.%s must be enough", sw.section, sw.setting)
						return
					}
					require.Error(t, err, "prod must not drop %s silently", also)
					assert.Contains(t, err.Error(), "in the prod baseline")
					override["tenk:"+sw.section] = fmt.Sprintf(`{%q: %s, %s}`, sw.setting, v, also)
					_, err = testkit.Run(stacks.Run, testkit.RunOptions{Stack: stack, Config: stackConfig(t, stack, override)})
					require.NoError(t, err, "tenk:%s.%s with %s written explicitly", sw.section, sw.setting, also)
				})
			}
		}
	}
}

// TestSwitchedEnginesDropForeignBaselineValues checks what the replaced baseline values become
// (in prod, with the availability values the switch drops written explicitly).
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
	t.Run("prod Aurora without readers, Multi-AZ off written", func(t *testing.T) {
		m := runStack(t, "prod", map[string]string{"tenk:database": `{"engine": "aurora-postgresql", "readReplicas": 0, "multiAz": false}`})
		assert.Len(t, m.ByType("aws:rds/clusterInstance:ClusterInstance"), 1, "the writer alone")
	})
	t.Run("prod Memcached has no snapshots or Multi-AZ", func(t *testing.T) {
		m := runStack(t, "prod", map[string]string{"tenk:cache": `{"engine": "memcached", "multiAz": false, "snapshotRetentionDays": 0}`})
		c := m.One(t, "aws:elasticache/cluster:Cluster")
		assert.Equal(t, "memcached", c.String("engine"))
		assert.False(t, c.Has("snapshotRetentionLimit"))
		assert.Empty(t, m.ByType("aws:elasticache/replicationGroup:ReplicationGroup"))
	})
	t.Run("prod one cache node, Multi-AZ off written", func(t *testing.T) {
		m := runStack(t, "prod", map[string]string{"tenk:cache": `{"nodeCount": 1, "multiAz": false}`})
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
