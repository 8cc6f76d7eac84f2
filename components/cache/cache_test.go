package cache_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/internal/stateful"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	typeRG         = "aws:elasticache/replicationGroup:ReplicationGroup"
	typeCluster    = "aws:elasticache/cluster:Cluster"
	typeSubnets    = "aws:elasticache/subnetGroup:SubnetGroup"
	typeParams     = "aws:elasticache/parameterGroup:ParameterGroup"
	typeSG         = "aws:ec2/securityGroup:SecurityGroup"
	typeIngress    = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typePassword   = "random:index/randomPassword:RandomPassword"
	typeRandomID   = "random:index/randomId:RandomId"
	typeSecret     = "aws:secretsmanager/secret:Secret"
	typeSecretVer  = "aws:secretsmanager/secretVersion:SecretVersion"
	typeLogGroup   = "aws:cloudwatch/logGroup:LogGroup"
	typeAlarm      = "aws:cloudwatch/metricAlarm:MetricAlarm"
	threeAZSubnets = 3
)

var threeAZs = []string{"us-east-1a", "us-east-1b", "us-east-1c"}

// prodArgs is the production preset: the defaults plus the network and the web tier's group.
func prodArgs() *cache.CacheClusterArgs {
	return &cache.CacheClusterArgs{
		VpcID:                   pulumi.String("vpc-123"),
		SubnetIDs:               subnetIDs(threeAZSubnets),
		AvailabilityZones:       threeAZs,
		AllowedSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-web")},
	}
}

// devArgs is the dev preset: one small node, no final snapshot, no logs. Encryption and AUTH stay.
func devArgs() *cache.CacheClusterArgs {
	return &cache.CacheClusterArgs{
		NodeType:                "cache.t4g.micro",
		NodeCount:               1,
		FinalSnapshot:           pulumi.BoolRef(false),
		Logs:                    pulumi.BoolRef(false),
		VpcID:                   pulumi.String("vpc-123"),
		SubnetIDs:               subnetIDs(2),
		AvailabilityZones:       threeAZs[:2],
		AllowedSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-web")},
	}
}

func memcachedArgs(nodes int) *cache.CacheClusterArgs {
	return &cache.CacheClusterArgs{
		Engine:                  cache.EngineMemcached,
		NodeCount:               nodes,
		VpcID:                   pulumi.String("vpc-123"),
		SubnetIDs:               subnetIDs(threeAZSubnets),
		AvailabilityZones:       threeAZs,
		AllowedSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-web")},
	}
}

func subnetIDs(n int) []pulumi.StringInput {
	out := make([]pulumi.StringInput, n)
	for i := range out {
		out[i] = pulumi.Sprintf("subnet-isolated-%d", i+1)
	}
	return out
}

func build(t *testing.T, args *cache.CacheClusterArgs) (*testkit.Mocks, *cache.CacheCluster) {
	t.Helper()
	return testkit.Build(t, func(ctx *pulumi.Context) (*cache.CacheCluster, error) {
		return cache.NewCacheCluster(ctx, "cache", args)
	})
}

func TestProductionDefaults(t *testing.T) {
	m, c := build(t, prodArgs())
	rg := m.One(t, typeRG)

	assert.Equal(t, "cache-rg", rg.Name)
	assert.Equal(t, "valkey", rg.String("engine"))
	assert.Equal(t, "8.0", rg.String("engineVersion"))
	assert.Equal(t, "cache.r7g.large", rg.String("nodeType"))
	assert.Equal(t, float64(6379), rg.Number("port"))
	assert.Equal(t, "tenk cache cache", rg.String("description"))
	assert.False(t, rg.Has("replicationGroupId"), "the ID is auto-named, never fixed")

	// Two members in distinct AZs with failover and Multi-AZ.
	assert.Equal(t, float64(2), rg.Number("numCacheClusters"))
	assert.Equal(t, []string{"us-east-1a", "us-east-1b"}, rg.Strings("preferredCacheClusterAzs"))
	assert.True(t, rg.Bool("automaticFailoverEnabled"))
	assert.True(t, rg.Bool("multiAzEnabled"))

	// Encryption and AUTH.
	assert.True(t, rg.Bool("transitEncryptionEnabled"))
	assert.True(t, rg.Bool("atRestEncryptionEnabled"))
	assert.False(t, rg.Has("kmsKeyId"))
	password := m.One(t, typePassword)
	assert.Equal(t, password.Name, "cache-auth-token")
	assert.NotEmpty(t, rg.String("authToken"))
	assert.Equal(t, secretJSON(t, m)["token"], rg.String("authToken"), "AUTH uses the generated token the secret holds")
	assert.Equal(t, "ROTATE", rg.String("authTokenUpdateStrategy"))

	// Snapshots, windows, final snapshot.
	assert.Equal(t, float64(7), rg.Number("snapshotRetentionLimit"))
	assert.Equal(t, "03:00-04:00", rg.String("snapshotWindow"))
	assert.Equal(t, "sun:05:00-sun:06:00", rg.String("maintenanceWindow"))
	id := m.One(t, typeRandomID)
	assert.Equal(t, float64(4), id.Number("byteLength"))
	final := rg.String("finalSnapshotIdentifier")
	assert.Regexp(t, `^cache-final-[0-9a-f]{8}$`, final)

	// Slow and engine logs, as JSON, into two log groups.
	groups := m.ByType(typeLogGroup)
	require.Len(t, groups, 2)
	for _, g := range groups {
		assert.Equal(t, float64(30), g.Number("retentionInDays"))
	}
	logs, _ := rg.Get("logDeliveryConfigurations")
	require.Len(t, logs, 2)
	destinations := map[string]string{}
	for i := range 2 {
		prefix := fmt.Sprintf("logDeliveryConfigurations.%d.", i)
		destinations[rg.String(prefix+"logType")] = rg.String(prefix + "destination")
		assert.Equal(t, "cloudwatch-logs", rg.String(prefix+"destinationType"))
		assert.Equal(t, "json", rg.String(prefix+"logFormat"))
	}
	assert.Equal(t, map[string]string{
		"slow-log":   "cache-slow-log-1a2b3c4",
		"engine-log": "cache-engine-log-1a2b3c4",
	}, destinations, "each log type goes to its own group")

	// Network.
	subnets := m.One(t, typeSubnets)
	assert.Equal(t, []string{"subnet-isolated-1", "subnet-isolated-2", "subnet-isolated-3"}, subnets.Strings("subnetIds"))
	assert.Equal(t, "cache-subnets-1a2b3c4", rg.String("subnetGroupName"))
	assert.Equal(t, []string{"cache-sg-id"}, rg.Strings("securityGroupIds"))
	assert.Empty(t, m.ByType(typeParams), "no parameter group unless Parameters are given")
	assert.False(t, rg.Has("parameterGroupName"))
	assert.False(t, rg.Has("notificationTopicArn"))
	assert.False(t, rg.Protect, "Protect defaults to false")

	// Outputs.
	assert.Equal(t, cache.EngineValkey, c.Engine)
	assert.Equal(t, 6379, c.Port)
	assert.Equal(t, "master.cache-rg-id.abc123.use1.cache.amazonaws.com", testkit.Await(t, c.PrimaryEndpoint))
	assert.Equal(t, "replica.cache-rg-id.abc123.use1.cache.amazonaws.com", testkit.Await(t, c.ReaderEndpoint))
	assert.Equal(t, "", testkit.Await(t, c.ConfigurationEndpoint))
	assert.Equal(t, "cache-sg-id", testkit.Await(t, c.SecurityGroupID))
	assert.Equal(t, "arn:aws:secretsmanager:us-east-1:123456789012:cache-auth", testkit.Await(t, c.AuthSecretArn))
	require.NotNil(t, c.ReplicationGroup)
	assert.Nil(t, c.Cluster)
}

func secretJSON(t *testing.T, m *testkit.Mocks) map[string]any {
	t.Helper()
	version := m.One(t, typeSecretVer)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(version.String("secretString")), &doc), "secretString must be JSON")
	return doc
}

func TestDevPreset(t *testing.T) {
	m, _ := build(t, devArgs())
	rg := m.One(t, typeRG)
	assert.Equal(t, "cache.t4g.micro", rg.String("nodeType"))
	assert.Equal(t, float64(1), rg.Number("numCacheClusters"))
	assert.Equal(t, []string{"us-east-1a"}, rg.Strings("preferredCacheClusterAzs"))
	assert.False(t, rg.Bool("automaticFailoverEnabled"))
	assert.False(t, rg.Bool("multiAzEnabled"))
	assert.False(t, rg.Has("finalSnapshotIdentifier"))
	assert.Empty(t, m.ByType(typeRandomID), "no final snapshot, no name for it")
	assert.Empty(t, m.ByType(typeLogGroup))
	assert.False(t, rg.Has("logDeliveryConfigurations"))
	// Dev relaxes cost, never security.
	assert.True(t, rg.Bool("transitEncryptionEnabled"))
	assert.True(t, rg.Bool("atRestEncryptionEnabled"))
	assert.NotEmpty(t, rg.String("authToken"))
	assert.Len(t, m.ByType(typeSecret), 1)
	assert.Equal(t, float64(7), rg.Number("snapshotRetentionLimit"), "daily snapshots cost nothing up to the cache's size")
	// With one node there is no replica to lag.
	for _, a := range m.ByType(typeAlarm) {
		assert.NotEqual(t, "ReplicationLag", a.String("metricName"), a.Name)
	}
}

func TestAuthTokenUsesOnlyCharactersElastiCacheAccepts(t *testing.T) {
	for _, length := range []int{0, 16, 128} {
		t.Run(fmt.Sprint(length), func(t *testing.T) {
			args := prodArgs()
			args.AuthTokenLength = length
			m, _ := build(t, args)
			p := m.One(t, typePassword)
			want := length
			if want == 0 {
				want = 64
			}
			assert.Equal(t, float64(want), p.Number("length"))
			assert.True(t, p.Bool("special"))
			specials := p.String("overrideSpecial")
			assert.Equal(t, "!&#$^<>-", specials)
			for _, r := range specials {
				assert.Contains(t, "!&#$^<>-", string(r))
			}
			for _, forbidden := range []string{"/", `"`, "@", "%", " ", "'", "\\"} {
				assert.NotContains(t, specials, forbidden)
			}
			for _, class := range []string{"upper", "lower", "numeric"} {
				if p.Has(class) {
					assert.True(t, p.Bool(class), class)
				}
			}
			token := secretJSON(t, m)["token"].(string)
			assert.Len(t, token, want)
			assert.Equal(t, token, m.One(t, typeRG).String("authToken"))
		})
	}
}

func TestAuthSecretHoldsTokenAndEndpoints(t *testing.T) {
	m, c := build(t, prodArgs())
	secret := m.One(t, typeSecret)
	version := m.One(t, typeSecretVer)
	assert.Equal(t, "cache-auth", secret.Name)
	assert.Equal(t, "cache-auth-id", version.String("secretId"))
	doc := secretJSON(t, m)
	assert.Equal(t, testkit.Await(t, c.PrimaryEndpoint), doc["host"])
	assert.Equal(t, testkit.Await(t, c.ReaderEndpoint), doc["readerHost"])
	assert.Equal(t, float64(6379), doc["port"])
	assert.Len(t, doc["token"], 64)
	assert.Len(t, doc, 4, "token, host, readerHost, port")
}

func TestNodePlacementAcrossAZs(t *testing.T) {
	cases := []struct {
		name  string
		nodes int
		azs   []string
		want  []string
	}{
		{"two nodes, three AZs", 2, threeAZs, []string{"us-east-1a", "us-east-1b"}},
		{"three nodes, three AZs", 3, threeAZs, threeAZs},
		{"six nodes round-robin", 6, threeAZs, append(append([]string{}, threeAZs...), threeAZs...)},
		{"three nodes, two AZs", 3, threeAZs[:2], []string{"us-east-1a", "us-east-1b", "us-east-1a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := prodArgs()
			args.NodeCount = tc.nodes
			args.AvailabilityZones = tc.azs
			m, _ := build(t, args)
			rg := m.One(t, typeRG)
			assert.Equal(t, float64(tc.nodes), rg.Number("numCacheClusters"))
			assert.Equal(t, tc.want, rg.Strings("preferredCacheClusterAzs"))
		})
	}
}

func TestFailoverRules(t *testing.T) {
	cases := []struct {
		name               string
		nodes              int
		failover, multiAZ  *bool
		wantFailover, want bool
	}{
		{"one node: neither", 1, nil, nil, false, false},
		{"two nodes: both by default", 2, nil, nil, true, true},
		{"six nodes: both by default", 6, nil, nil, true, true},
		{"replicas without failover", 2, pulumi.BoolRef(false), nil, false, false},
		{"failover without Multi-AZ", 3, nil, pulumi.BoolRef(false), true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := prodArgs()
			args.NodeCount = tc.nodes
			args.AutomaticFailover = tc.failover
			args.MultiAZ = tc.multiAZ
			m, _ := build(t, args)
			rg := m.One(t, typeRG)
			assert.Equal(t, tc.wantFailover, rg.Bool("automaticFailoverEnabled"))
			assert.Equal(t, tc.want, rg.Bool("multiAzEnabled"))
			assert.Equal(t, float64(tc.nodes), rg.Number("numCacheClusters"))
		})
	}
}

func TestSecurityGroupAdmitsOnlyTheGivenGroupsOnTheEnginePort(t *testing.T) {
	peers := []pulumi.StringInput{pulumi.String("sg-web"), pulumi.String("sg-worker")}
	for _, tc := range []struct {
		name string
		args *cache.CacheClusterArgs
		port float64
	}{{"valkey", prodArgs(), 6379}, {"memcached", memcachedArgs(2), 11211}} {
		t.Run(tc.name, func(t *testing.T) {
			tc.args.AllowedSecurityGroupIDs = peers
			m, c := build(t, tc.args)
			sg := m.One(t, typeSG)
			assert.Equal(t, "vpc-123", sg.String("vpcId"))
			assert.False(t, sg.Has("ingress"), "no inline ingress")
			assert.False(t, sg.Has("egress"), "no egress: cache nodes open no connections")
			assert.Equal(t, int(tc.port), c.Port)

			rules := m.ByType(typeIngress)
			require.Len(t, rules, 2, "one rule per peer, nothing else")
			var got []string
			for _, r := range rules {
				got = append(got, r.String("referencedSecurityGroupId"))
				assert.Equal(t, "cache-sg-id", r.String("securityGroupId"))
				assert.Equal(t, "tcp", r.String("ipProtocol"))
				assert.Equal(t, tc.port, r.Number("fromPort"))
				assert.Equal(t, tc.port, r.Number("toPort"))
				for _, open := range []string{"cidrIpv4", "cidrIpv6", "prefixListId"} {
					assert.False(t, r.Has(open), "%s must not be set", open)
				}
			}
			assert.Equal(t, []string{"sg-web", "sg-worker"}, got)
		})
	}
}

func TestNoPeersMeansNoRules(t *testing.T) {
	args := prodArgs()
	args.AllowedSecurityGroupIDs = nil
	m, _ := build(t, args)
	assert.Empty(t, m.ByType(typeIngress))
}

func TestMemcached(t *testing.T) {
	m, c := build(t, memcachedArgs(3))
	cl := m.One(t, typeCluster)
	assert.Equal(t, "cache-memcached", cl.Name)
	assert.Equal(t, "memcached", cl.String("engine"))
	assert.Equal(t, "1.6.22", cl.String("engineVersion"))
	assert.Equal(t, float64(3), cl.Number("numCacheNodes"))
	assert.Equal(t, "cross-az", cl.String("azMode"))
	assert.Equal(t, threeAZs, cl.Strings("preferredAvailabilityZones"))
	assert.Equal(t, float64(11211), cl.Number("port"))
	assert.True(t, cl.Bool("transitEncryptionEnabled"), "Memcached 1.6.12+ supports TLS; it is always on")
	assert.Equal(t, []string{"cache-sg-id"}, cl.Strings("securityGroupIds"))
	assert.Equal(t, "cache-subnets-1a2b3c4", cl.String("subnetGroupName"))
	for _, unsupported := range []string{"snapshotRetentionLimit", "snapshotWindow", "finalSnapshotIdentifier", "logDeliveryConfigurations", "replicationGroupId"} {
		assert.False(t, cl.Has(unsupported), unsupported)
	}
	assert.Empty(t, m.ByType(typeRG))
	assert.Empty(t, m.ByType(typePassword), "Memcached has no AUTH")
	assert.Empty(t, m.ByType(typeSecret))
	assert.Empty(t, m.ByType(typeRandomID))
	assert.Empty(t, m.ByType(typeLogGroup))

	assert.Equal(t, "cache-memcached-id.abc123.cfg.use1.cache.amazonaws.com", testkit.Await(t, c.ConfigurationEndpoint))
	assert.Equal(t, "", testkit.Await(t, c.PrimaryEndpoint))
	assert.Equal(t, "", testkit.Await(t, c.AuthSecretArn))
	assert.Nil(t, c.ReplicationGroup)
	require.NotNil(t, c.Cluster)

	metrics := map[string]string{}
	for _, a := range m.ByType(typeAlarm) {
		metrics[a.String("metricName")] = a.String("dimensions.CacheClusterId")
	}
	assert.Equal(t, map[string]string{
		"CPUUtilization": "cache-memcached-id", "SwapUsage": "cache-memcached-id",
		"Evictions": "cache-memcached-id", "CurrConnections": "cache-memcached-id",
	}, metrics)
}

func TestMemcachedSingleNodeStaysInOneAZ(t *testing.T) {
	m, _ := build(t, memcachedArgs(1))
	cl := m.One(t, typeCluster)
	assert.Equal(t, "single-az", cl.String("azMode"), "cross-az needs more than one node")
	assert.Equal(t, []string{"us-east-1a"}, cl.Strings("preferredAvailabilityZones"))
}

func TestAlarms(t *testing.T) {
	args := prodArgs()
	args.NodeCount = 3
	args.AlarmTopicArn = pulumi.String("arn:aws:sns:us-east-1:123456789012:ops")
	m, _ := build(t, args)

	byMember := map[string][]string{}
	for _, a := range m.ByType(typeAlarm) {
		assert.Equal(t, "AWS/ElastiCache", a.String("namespace"), a.Name)
		assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:ops"}, a.Strings("alarmActions"), a.Name)
		assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:ops"}, a.Strings("okActions"), a.Name)
		assert.True(t, strings.HasPrefix(a.Name, "cache-alarm-"), a.Name)
		member := a.String("dimensions.CacheClusterId")
		byMember[member] = append(byMember[member], a.String("metricName"))
	}
	want := []string{"EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "Evictions", "CurrConnections", "ReplicationLag"}
	require.Len(t, byMember, 3, "one set per member")
	for _, member := range []string{"cache-rg-id-001", "cache-rg-id-002", "cache-rg-id-003"} {
		assert.ElementsMatch(t, want, byMember[member], member)
	}
	cpu, ok := m.Named(typeAlarm, "cache-alarm-engine-cpu-1")
	require.True(t, ok)
	assert.Equal(t, float64(80), cpu.Number("threshold"))
	assert.Equal(t, "GreaterThanThreshold", cpu.String("comparisonOperator"))

	rg := m.One(t, typeRG)
	assert.False(t, rg.Has("notificationTopicArn"),
		"ElastiCache cannot publish events to the (KMS-encrypted) alarm topic: events go only to EventTopicArn")
}

// TestEventsGoToTheEventTopic: ElastiCache events are sent to EventTopicArn, by the replication
// group and by a Memcached cluster alike, never to the alarm topic.
func TestEventsGoToTheEventTopic(t *testing.T) {
	const alarms, events = "arn:aws:sns:us-east-1:123456789012:ops", "arn:aws:sns:us-east-1:123456789012:ops-events"
	for name, args := range map[string]*cache.CacheClusterArgs{"valkey": prodArgs(), "memcached": memcachedArgs(2)} {
		t.Run(name, func(t *testing.T) {
			args.AlarmTopicArn = pulumi.String(alarms)
			args.EventTopicArn = pulumi.String(events)
			m, _ := build(t, args)
			typ := typeRG
			if name == "memcached" {
				typ = typeCluster
			}
			assert.Equal(t, events, m.One(t, typ).String("notificationTopicArn"))
		})
	}
}

func TestAlarmsOff(t *testing.T) {
	args := prodArgs()
	args.Alarms = pulumi.BoolRef(false)
	m, c := build(t, args)
	assert.Empty(t, m.ByType(typeAlarm))
	assert.Empty(t, testkit.Await(t, c.AlarmArns))
}

func TestAlarmsWithoutTopicHaveNoActions(t *testing.T) {
	args := prodArgs()
	args.AlarmThresholds = cache.AlarmThresholds{CPUPercent: 65, Connections: 1000}
	m, _ := build(t, args)
	alarms := m.ByType(typeAlarm)
	assert.Len(t, alarms, 2*5)
	for _, a := range alarms {
		assert.False(t, a.Has("alarmActions"), a.Name)
	}
	cpu, _ := m.Named(typeAlarm, "cache-alarm-engine-cpu-2")
	assert.Equal(t, float64(65), cpu.Number("threshold"))
	conns, _ := m.Named(typeAlarm, "cache-alarm-connections-1")
	assert.Equal(t, float64(1000), conns.Number("threshold"))
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	withParams := prodArgs()
	withParams.Parameters = map[string]string{"maxmemory-policy": "allkeys-lru"}
	for name, args := range map[string]*cache.CacheClusterArgs{"valkey": withParams, "memcached": memcachedArgs(2)} {
		t.Run(name, func(t *testing.T) {
			m, _ := build(t, args)
			assert.Len(t, m.Children(t, cache.Token), len(m.Resources())-1, "everything but the component is its child")
		})
	}
}

func TestCallerOptionsDoNotOverrideTheParent(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		outer, err := cache.NewCacheCluster(ctx, "outer", devArgs())
		if err != nil {
			return err
		}
		_, err = cache.NewCacheCluster(ctx, "inner", devArgs(), pulumi.Parent(outer))
		return err
	}, testkit.RunOptions{})
	inner, ok := m.Named(cache.Token, "inner")
	require.True(t, ok)
	rg, ok := m.Named(typeRG, "inner-rg")
	require.True(t, ok)
	assert.Equal(t, inner.URN, rg.Parent)
}

func TestProtect(t *testing.T) {
	for name, args := range map[string]*cache.CacheClusterArgs{"valkey": prodArgs(), "memcached": memcachedArgs(2)} {
		t.Run(name, func(t *testing.T) {
			args.Protect = true
			m, _ := build(t, args)
			require.NotEmpty(t, append(m.ByType(typeRG), m.ByType(typeCluster)...))
			for _, r := range m.Resources() {
				assert.Equal(t, stateful.Is(r.Type), r.Protect, "%s %s: the group or cluster and the AUTH secret", r.Type, r.Name)
			}
		})
	}
}

func TestParameterGroupMatchesTheEngineVersion(t *testing.T) {
	cases := []struct {
		engine  cache.Engine
		version string
		family  string
	}{
		{cache.EngineValkey, "", "valkey8"},
		{cache.EngineValkey, "7.2", "valkey7"},
		{cache.EngineRedis, "", "redis7"},
		{cache.EngineRedis, "6.2", "redis6.x"},
		{cache.EngineMemcached, "", "memcached1.6"},
	}
	for _, tc := range cases {
		t.Run(string(tc.engine)+tc.version, func(t *testing.T) {
			args := prodArgs()
			if tc.engine == cache.EngineMemcached {
				args = memcachedArgs(2)
			}
			args.Engine = tc.engine
			args.EngineVersion = tc.version
			args.Parameters = map[string]string{"timeout": "300", "maxmemory-policy": "allkeys-lru"}
			m, _ := build(t, args)
			pg := m.One(t, typeParams)
			assert.Equal(t, "cache-params", pg.Name)
			assert.Equal(t, tc.family, pg.String("family"))
			assert.Equal(t, "maxmemory-policy", pg.String("parameters.0.name"), "sorted by name")
			assert.Equal(t, "allkeys-lru", pg.String("parameters.0.value"))
			assert.Equal(t, "timeout", pg.String("parameters.1.name"))
			stateful := append(m.ByType(typeRG), m.ByType(typeCluster)...)
			require.Len(t, stateful, 1)
			assert.Equal(t, "cache-params-1a2b3c4", stateful[0].String("parameterGroupName"))
		})
	}
}

func TestRedisOSS(t *testing.T) {
	args := prodArgs()
	args.Engine = cache.EngineRedis
	m, _ := build(t, args)
	rg := m.One(t, typeRG)
	assert.Equal(t, "redis", rg.String("engine"))
	assert.Equal(t, "7.1", rg.String("engineVersion"))
	assert.True(t, rg.Bool("transitEncryptionEnabled"))
	assert.NotEmpty(t, rg.String("authToken"))
}

func TestOptionalSettingsReachTheReplicationGroup(t *testing.T) {
	args := prodArgs()
	args.KmsKeyID = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/abc")
	args.SnapshotRetentionDays = pulumi.IntRef(0)
	args.ApplyImmediately = true
	args.Description = "sessions hot set"
	args.Tags = map[string]string{"team": "web"}
	m, _ := build(t, args)
	rg := m.One(t, typeRG)
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/abc", rg.String("kmsKeyId"))
	assert.Equal(t, float64(0), rg.Number("snapshotRetentionLimit"))
	assert.False(t, rg.Has("snapshotWindow"), "no snapshot window without snapshots")
	assert.True(t, rg.Bool("applyImmediately"))
	assert.Equal(t, "sessions hot set", rg.String("description"))
	for _, r := range m.Resources() {
		if r.Has("tags") {
			assert.Equal(t, "web", r.String("tags.team"), "%s %s", r.Type, r.Name)
		}
	}
	for _, typ := range []string{typeRG, typeSG, typeSubnets, typeSecret, typeLogGroup, typeAlarm} {
		for _, r := range m.ByType(typ) {
			assert.True(t, r.Has("tags.team"), "%s %s carries the tags", r.Type, r.Name)
		}
	}
}

// Changing a scaling knob must never rename (and so replace) the cache or its existing children.
func TestScalingKeepsNames(t *testing.T) {
	names := func(nodes int) map[string]bool {
		args := prodArgs()
		args.NodeCount = nodes
		m, _ := build(t, args)
		out := map[string]bool{}
		for _, r := range m.Resources() {
			out[r.Type+" "+r.Name] = true
		}
		return out
	}
	two, three := names(2), names(3)
	for n := range two {
		assert.True(t, three[n], "%s must survive going from 2 to 3 nodes", n)
	}
	assert.Len(t, three, len(two)+5, "a third member adds only its five alarms")

	// The same inputs produce the same resources and names.
	assert.Equal(t, two, names(2))
}
