package database_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/database"
)

const logGroupType = "aws:cloudwatch/logGroup:LogGroup"

func TestInstancesWaitForTheMonitoringPolicyAndTheirLogGroups(t *testing.T) {
	m, _ := build(t, prodArgs(2))
	policy := m.One(t, attachmentType)
	require.Equal(t, "db-monitoring-policy", policy.Name)

	groups := m.ByType(logGroupType)
	require.Len(t, groups, 3*2, "postgresql and upgrade logs of the primary and two replicas")
	for _, member := range []struct{ logical, id string }{
		{"db-primary", "primary"}, {"db-replica-0", "replica-0"}, {"db-replica-1", "replica-1"},
	} {
		inst, ok := m.Named(instanceType, member.logical)
		require.True(t, ok, member.logical)
		id := inst.String("identifier")
		assert.Regexp(t, fmt.Sprintf(`^db-%s-[0-9a-f]{8}$`, member.id), id, "the identifier is known before the instance exists")
		assert.Contains(t, inst.Dependencies, policy.URN, "%s waits for the monitoring role's policy, not only the role", member.logical)
		for _, log := range []string{"postgresql", "upgrade"} {
			group, ok := m.Named(logGroupType, "db-logs-"+member.id+"-"+log)
			require.True(t, ok, "%s %s", member.logical, log)
			assert.Equal(t, "/aws/rds/instance/"+id+"/"+log, group.String("name"))
			assert.Equal(t, float64(30), group.Number("retentionInDays"))
			assert.Equal(t, "prod", group.String("tags.stack"))
			assert.Contains(t, inst.Dependencies, group.URN, "%s exists before RDS would create it without retention", group.String("name"))
		}
	}
}

func TestLogGroupsFollowTheSwitchesAndRetention(t *testing.T) {
	args := devArgs()
	args.CloudWatchLogExports = pulumi.BoolRef(false)
	args.MonitoringIntervalSeconds = pulumi.IntRef(0)
	m, _ := build(t, args)
	assert.Empty(t, m.ByType(logGroupType))
	assert.Empty(t, m.ByType(attachmentType))
	primary := m.One(t, instanceType)
	assert.Regexp(t, `^db-primary-[0-9a-f]{8}$`, primary.String("identifier"), "identifiers never depend on a switch")

	args = devArgs()
	args.LogRetentionDays = 90
	m, _ = build(t, args)
	for _, g := range m.ByType(logGroupType) {
		assert.Equal(t, float64(90), g.Number("retentionInDays"))
	}

	args = devArgs()
	args.LogRetentionDays = 31
	err := args.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "LogRetentionDays is 31: CloudWatch Logs accepts only 1, 3, 5, 7, 14, 30")
}

func TestAuroraClusterWaitsForItsLogGroupsAndInstancesForTheMonitoringPolicy(t *testing.T) {
	args := prodArgs(1)
	args.Engine = database.EngineAuroraPostgres
	m, _ := build(t, args)
	cluster := m.One(t, clusterType)
	id := cluster.String("clusterIdentifier")
	assert.Regexp(t, `^db-cluster-[0-9a-f]{8}$`, id)
	group := m.One(t, logGroupType)
	assert.Equal(t, "/aws/rds/cluster/"+id+"/postgresql", group.String("name"))
	assert.Contains(t, cluster.Dependencies, group.URN)
	policy := m.One(t, attachmentType)
	for _, inst := range m.ByType(clusterInstanceType) {
		assert.Contains(t, inst.Dependencies, policy.URN, inst.Name)
	}
}

func TestAuroraMajorVersionResolvesToTheDefaultMinor(t *testing.T) {
	for _, tc := range []struct {
		engine  database.Engine
		version string
		family  string
		want    string
	}{
		{database.EngineAuroraPostgres, "", "aurora-postgresql16", "16.8"},
		{database.EngineAuroraPostgres, "17", "aurora-postgresql17", "17.4"},
		{database.EngineAuroraMySQL, "", "aurora-mysql8.0", "8.0.mysql_aurora.3.08.2"},
	} {
		t.Run(string(tc.engine)+" "+tc.version, func(t *testing.T) {
			args := prodArgs(1)
			args.Engine, args.EngineVersion = tc.engine, tc.version
			m, _ := build(t, args)
			cluster := m.One(t, clusterType)
			assert.Equal(t, tc.want, cluster.String("engineVersion"))
			assert.Equal(t, []string{"engineVersion"}, cluster.IgnoreChanges, "a newer default later is no reason to change an unchanged stack")
			assert.Equal(t, tc.family, m.One(t, clusterParamsType).String("family"))
			invokes := m.Invokes()
			require.Len(t, invokes, 1)
			assert.Equal(t, "aws:rds/getEngineVersion:getEngineVersion", invokes[0].Token)
			assert.Equal(t, true, invokes[0].Args["defaultOnly"])
			assert.Equal(t, tc.family, invokes[0].Args["parameterGroupFamily"])
		})
	}
}

func TestAuroraFullVersionIsPinned(t *testing.T) {
	args := prodArgs(1)
	args.Engine, args.EngineVersion = database.EngineAuroraPostgres, "16.6"
	m, _ := build(t, args)
	cluster := m.One(t, clusterType)
	assert.Equal(t, "16.6", cluster.String("engineVersion"))
	assert.Empty(t, cluster.IgnoreChanges, "a pinned version is the user's to change")
	assert.Empty(t, m.Invokes())
}

func TestIsMajorVersion(t *testing.T) {
	for _, tc := range []struct {
		engine  database.Engine
		version string
		want    bool
	}{
		{database.EnginePostgres, "17", true},
		{database.EnginePostgres, "17.4", false},
		{database.EngineAuroraPostgres, "16", true},
		{database.EngineAuroraPostgres, "16.6", false},
		{database.EngineMySQL, "8.4", true},
		{database.EngineMySQL, "8.4.3", false},
		{database.EngineAuroraMySQL, "8.0", true},
		{database.EngineAuroraMySQL, "8.0.mysql_aurora.3.08.2", false},
	} {
		assert.Equal(t, tc.want, database.IsMajorVersion(tc.engine, tc.version), "%s %s", tc.engine, tc.version)
	}
}

func TestLogGroupName(t *testing.T) {
	assert.Equal(t, "/aws/rds/instance/db-primary-1a2b3c4d/postgresql", database.LogGroupName(false, "db-primary-1a2b3c4d", "postgresql"))
	assert.Equal(t, "/aws/rds/cluster/db-cluster-1a2b3c4d/slowquery", database.LogGroupName(true, "db-cluster-1a2b3c4d", "slowquery"))
}
