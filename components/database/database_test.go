package database_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/stateful"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	instanceType        = "aws:rds/instance:Instance"
	clusterType         = "aws:rds/cluster:Cluster"
	clusterInstanceType = "aws:rds/clusterInstance:ClusterInstance"
	paramGroupType      = "aws:rds/parameterGroup:ParameterGroup"
	clusterParamsType   = "aws:rds/clusterParameterGroup:ClusterParameterGroup"
	subnetGroupType     = "aws:rds/subnetGroup:SubnetGroup"
	sgType              = "aws:ec2/securityGroup:SecurityGroup"
	ingressType         = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	passwordType        = "random:index/randomPassword:RandomPassword"
	randomIDType        = "random:index/randomId:RandomId"
	secretType          = "aws:secretsmanager/secret:Secret"
	secretVersionType   = "aws:secretsmanager/secretVersion:SecretVersion"
	alarmType           = "aws:cloudwatch/metricAlarm:MetricAlarm"
	roleType            = "aws:iam/role:Role"
	attachmentType      = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
)

var threeAZs = []string{"us-east-1a", "us-east-1b", "us-east-1c"}

func subnets(n int) []pulumi.StringInput {
	out := make([]pulumi.StringInput, n)
	for i := range out {
		out[i] = pulumi.String(fmt.Sprintf("subnet-isolated-%d", i))
	}
	return out
}

// prodArgs are the prod stack's shape: defaults plus replicas, protection and an alarm topic.
func prodArgs(replicas int) *database.RdsWithReplicasArgs {
	return &database.RdsWithReplicasArgs{
		VpcID:                   pulumi.String("vpc-1"),
		SubnetIDs:               subnets(3),
		AvailabilityZones:       threeAZs,
		AllowedSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-web")},
		ReadReplicas:            replicas,
		Protect:                 true,
		AlarmTopicArn:           pulumi.String("arn:aws:sns:us-east-1:123456789012:alarms"),
		Tags:                    map[string]string{"stack": "prod"},
	}
}

// devArgs are the dev stack's shape: everything cost-driven turned down, nothing security-driven.
func devArgs() *database.RdsWithReplicasArgs {
	return &database.RdsWithReplicasArgs{
		VpcID:                   pulumi.String("vpc-1"),
		SubnetIDs:               subnets(2),
		AvailabilityZones:       threeAZs[:2],
		AllowedSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-web")},
		InstanceClass:           "db.t4g.micro",
		MultiAZ:                 pulumi.BoolRef(false),
		BackupRetentionDays:     pulumi.IntRef(1),
		SkipFinalSnapshot:       true,
		DeletionProtection:      pulumi.BoolRef(false),
	}
}

func build(t *testing.T, args *database.RdsWithReplicasArgs) (*testkit.Mocks, *database.RdsWithReplicas) {
	t.Helper()
	return testkit.Build(t, func(ctx *pulumi.Context) (*database.RdsWithReplicas, error) {
		return database.NewRdsWithReplicas(ctx, "db", args)
	})
}

func params(r testkit.Resource) map[string]string {
	out := map[string]string{}
	list, _ := r.Get("parameters")
	for _, p := range list.([]any) {
		kv := p.(map[string]any)
		out[kv["name"].(string)] = kv["value"].(string)
	}
	return out
}

func TestDevShapeUsesTheManagedSecret(t *testing.T) {
	m, d := build(t, devArgs())

	primary := m.One(t, instanceType)
	assert.Equal(t, "db-primary", primary.Name)
	assert.False(t, primary.Bool("multiAz"))
	assert.Equal(t, "us-east-1a", primary.String("availabilityZone"), "a single-AZ primary is pinned to the first AZ")
	assert.Contains(t, primary.IgnoreChanges, "availabilityZone", "a changed AZ would replace it")
	assert.Equal(t, "db.t4g.micro", primary.String("instanceClass"))
	assert.True(t, primary.Bool("manageMasterUserPassword"), "no replicas: RDS manages the password")
	assert.False(t, primary.Has("password"))
	assert.Equal(t, float64(1), primary.Number("backupRetentionPeriod"))
	assert.True(t, primary.Bool("skipFinalSnapshot"))
	assert.False(t, primary.Has("finalSnapshotIdentifier"))
	assert.False(t, primary.Bool("deletionProtection"))
	assert.False(t, primary.Protect)
	// Dev relaxes cost, never security.
	assert.True(t, primary.Bool("storageEncrypted"))
	assert.False(t, primary.Bool("publiclyAccessible"))
	assert.NotEmpty(t, primary.String("parameterGroupName"))
	assert.Equal(t, "1", params(m.One(t, paramGroupType))["rds.force_ssl"])

	assert.Empty(t, m.ByType(passwordType))
	assert.Empty(t, m.ByType(secretType))
	assert.Empty(t, m.ByType(secretVersionType))
	// One suffix, created up front, names the identifiers (its log groups need them before the
	// instance exists); without a final snapshot it names nothing else.
	suffix := m.One(t, randomIDType)
	assert.Equal(t, "db-suffix", suffix.Name)
	id := primary.String("identifier")
	assert.Regexp(t, `^db-primary-[0-9a-f]{8}$`, id, "the identifier is set, with the suffix")

	assert.Equal(t, "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-"+id+"-AbCdEf", testkit.Await(t, d.SecretArn))
	assert.Equal(t, id+".c0ffee.us-east-1.rds.amazonaws.com", testkit.Await(t, d.WriterEndpoint))
	assert.Equal(t, 5432, testkit.Await(t, d.Port))
	assert.Empty(t, testkit.Await(t, d.ReaderEndpoints))
	assert.Equal(t, "app", d.DatabaseName)
	assert.Equal(t, "db-sg-id", testkit.Await(t, d.SecurityGroupID))

	subnetGroup := m.One(t, subnetGroupType)
	assert.Len(t, subnetGroup.Strings("subnetIds"), 2)
}

func TestProdShape(t *testing.T) {
	m, d := build(t, prodArgs(3))

	primary, ok := m.Named(instanceType, "db-primary")
	require.True(t, ok)
	for field, want := range map[string]any{
		"engine": "postgres", "engineVersion": "17", "instanceClass": "db.m7g.large",
		"multiAz": true, "storageType": "gp3", "allocatedStorage": float64(20), "maxAllocatedStorage": float64(100),
		"storageEncrypted": true, "publiclyAccessible": false, "backupRetentionPeriod": float64(7),
		"backupWindow": "03:00-04:00", "maintenanceWindow": "sun:05:00-sun:06:00",
		"copyTagsToSnapshot": true, "deletionProtection": true, "skipFinalSnapshot": false,
		"performanceInsightsEnabled": true, "performanceInsightsRetentionPeriod": float64(7),
		"monitoringInterval": float64(60), "autoMinorVersionUpgrade": true, "allowMajorVersionUpgrade": false,
		"dbName": "app", "username": "tenkadmin", "port": float64(5432),
	} {
		got, _ := primary.Get(field)
		assert.Equal(t, want, got, field)
	}
	assert.False(t, primary.Has("availabilityZone"), "a Multi-AZ instance cannot pin an AZ")
	assert.Equal(t, []string{"postgresql", "upgrade"}, primary.Strings("enabledCloudwatchLogsExports"))
	assert.Equal(t, "db-subnets-mock", primary.String("dbSubnetGroupName"))
	assert.Equal(t, []string{"db-sg-id"}, primary.Strings("vpcSecurityGroupIds"))
	assert.Equal(t, "prod", primary.String("tags.stack"))
	assert.True(t, primary.Protect)
	assert.Regexp(t, `^db-final-[0-9a-f]{8}$`, primary.String("finalSnapshotIdentifier"))
	assert.NotEmpty(t, primary.String("monitoringRoleArn"))
	assert.False(t, primary.Has("manageMasterUserPassword"), "managed passwords don't work with replicas")

	// Enhanced monitoring role.
	role := m.One(t, roleType)
	var trust struct {
		Statement []struct {
			Principal struct{ Service string }
			Action    string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(role.String("assumeRolePolicy")), &trust))
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, "monitoring.rds.amazonaws.com", trust.Statement[0].Principal.Service)
	assert.Equal(t, "sts:AssumeRole", trust.Statement[0].Action)
	assert.Equal(t, "arn:aws:iam:us-east-1:123456789012:db-monitoring-role", primary.String("monitoringRoleArn"), "the role created above")
	assert.Equal(t, "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole", m.One(t, attachmentType).String("policyArn"))

	// Generated password: only characters RDS accepts.
	pw := m.One(t, passwordType)
	assert.LessOrEqual(t, pw.Number("length"), float64(41), "MySQL caps master passwords at 41")
	special := pw.String("overrideSpecial")
	assert.NotEmpty(t, special)
	for _, bad := range []string{"/", `"`, "@", " "} {
		assert.NotContains(t, special, bad)
	}
	assert.NotEmpty(t, primary.String("password"))
	assert.NotContains(t, primary.String("password"), "@")

	// The secret the component creates holds everything an app needs to connect.
	version := m.One(t, secretVersionType)
	var secret map[string]any
	require.NoError(t, json.Unmarshal([]byte(version.String("secretString")), &secret))
	primaryID := primary.String("identifier")
	assert.Regexp(t, `^db-primary-[0-9a-f]{8}$`, primaryID)
	assert.Equal(t, map[string]any{
		"username": "tenkadmin", "password": primary.String("password"),
		"host": primaryID + ".c0ffee.us-east-1.rds.amazonaws.com", "port": float64(5432),
		"dbname": "app", "engine": "postgres",
	}, secret)
	assert.True(t, version.Raw["secretString"].ContainsSecrets(), "the secret string stays a Pulumi secret")
	assert.Equal(t, "arn:aws:secretsmanager:us-east-1:123456789012:db-credentials", testkit.Await(t, d.SecretArn))

	// Replicas.
	replicas := d.Replicas
	require.Len(t, replicas, 3)
	suffix := strings.TrimPrefix(primaryID, "db-primary-")
	assert.Equal(t, []string{
		"db-replica-0-" + suffix + ".c0ffee.us-east-1.rds.amazonaws.com",
		"db-replica-1-" + suffix + ".c0ffee.us-east-1.rds.amazonaws.com",
		"db-replica-2-" + suffix + ".c0ffee.us-east-1.rds.amazonaws.com",
	}, testkit.Await(t, d.ReaderEndpoints), "in replica order")
	for i, az := range threeAZs {
		r, ok := m.Named(instanceType, fmt.Sprintf("db-replica-%d", i))
		require.True(t, ok)
		assert.Equal(t, fmt.Sprintf("db-replica-%d-%s", i, suffix), r.String("identifier"), "one suffix for every member")
		assert.Equal(t, az, r.String("availabilityZone"), "replicas spread round-robin")
		assert.Equal(t, primaryID, r.String("replicateSourceDb"))
		assert.True(t, r.Bool("skipFinalSnapshot"))
		assert.Equal(t, "db.m7g.large", r.String("instanceClass"), "defaults to the primary's class")
		assert.Equal(t, []string{"db-sg-id"}, r.Strings("vpcSecurityGroupIds"))
		assert.Equal(t, primary.String("parameterGroupName"), r.String("parameterGroupName"))
		assert.False(t, r.Bool("publiclyAccessible"))
		assert.True(t, r.Protect)
	}

	// Alarms: the primary's four and one lag alarm per replica, all notifying the topic.
	alarms := m.ByType(alarmType)
	var names []string
	for _, a := range alarms {
		names = append(names, a.Name)
		assert.Equal(t, []string{"arn:aws:sns:us-east-1:123456789012:alarms"}, a.Strings("alarmActions"), a.Name)
	}
	assert.ElementsMatch(t, []string{"db-alarm-cpu", "db-alarm-free-storage", "db-alarm-freeable-memory", "db-alarm-connections",
		"db-alarm-replica-lag-0", "db-alarm-replica-lag-1", "db-alarm-replica-lag-2"}, names)
	lag, _ := m.Named(alarmType, "db-alarm-replica-lag-1")
	assert.Equal(t, "ReplicaLag", lag.String("metricName"))
	assert.Equal(t, "db-replica-1-"+suffix, lag.String("dimensions.DBInstanceIdentifier"))
	storage, _ := m.Named(alarmType, "db-alarm-free-storage")
	assert.Equal(t, "LessThanThreshold", storage.String("comparisonOperator"))
	assert.Equal(t, float64(2<<30), storage.Number("threshold"), "10% of 20 GiB")
}

func TestReplicasCarryNoCredentialsOrSnapshots(t *testing.T) {
	for _, engine := range []database.Engine{database.EnginePostgres, database.EngineMySQL} {
		for _, multiAZ := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s multiAZ=%v", engine, multiAZ), func(t *testing.T) {
				args := prodArgs(2)
				args.Engine = engine
				args.ReplicaMultiAZ = multiAZ
				args.ReplicaInstanceClass = "db.r7g.large"
				m, _ := build(t, args)
				replicas := m.ByType(instanceType)[1:]
				require.Len(t, replicas, 2)
				for i, r := range replicas {
					require.Equal(t, fmt.Sprintf("db-replica-%d", i), r.Name)
					for _, field := range []string{"username", "password", "manageMasterUserPassword", "dbName", "engine",
						"engineVersion", "allocatedStorage", "dbSubnetGroupName", "finalSnapshotIdentifier", "backupRetentionPeriod"} {
						assert.False(t, r.Has(field), "%s must not set %s", r.Name, field)
					}
					assert.True(t, r.Bool("skipFinalSnapshot"), r.Name)
					assert.Equal(t, multiAZ, r.Bool("multiAz"))
					assert.Equal(t, "db.r7g.large", r.String("instanceClass"))
					if multiAZ {
						assert.False(t, r.Has("availabilityZone"), "a Multi-AZ replica cannot pin an AZ")
					} else {
						assert.Equal(t, threeAZs[i], r.String("availabilityZone"))
					}
				}
			})
		}
	}
}

func TestMySQLEnforcesTLS(t *testing.T) {
	args := prodArgs(1)
	args.Engine = database.EngineMySQL
	args.AllowedSecurityGroupIDs = []pulumi.StringInput{pulumi.String("sg-web"), pulumi.String("sg-worker")}
	m, d := build(t, args)
	group := m.One(t, paramGroupType)
	assert.Equal(t, "mysql8.4", group.String("family"))
	assert.Equal(t, "1", params(group)["require_secure_transport"])
	primary, _ := m.Named(instanceType, "db-primary")
	assert.Equal(t, []string{"error", "slowquery"}, primary.Strings("enabledCloudwatchLogsExports"))
	assert.Equal(t, 3306, testkit.Await(t, d.Port))
	for _, rule := range m.ByType(ingressType) {
		assert.Equal(t, float64(3306), rule.Number("fromPort"))
		assert.Equal(t, float64(3306), rule.Number("toPort"))
	}
	var secret map[string]any
	require.NoError(t, json.Unmarshal([]byte(m.One(t, secretVersionType).String("secretString")), &secret))
	assert.Equal(t, "mysql", secret["engine"])
	assert.Equal(t, float64(3306), secret["port"])
}

func TestSecurityGroupAdmitsOnlyTheGivenGroups(t *testing.T) {
	args := prodArgs(0)
	args.AllowedSecurityGroupIDs = []pulumi.StringInput{pulumi.String("sg-web"), pulumi.String("sg-worker")}
	m, _ := build(t, args)

	sg := m.One(t, sgType)
	assert.Equal(t, "vpc-1", sg.String("vpcId"))
	assert.False(t, sg.Has("ingress"), "no inline rules")
	assert.False(t, sg.Has("egress"), "no egress: a database opens no connections")

	rules := m.ByType(ingressType)
	require.Len(t, rules, 2)
	var peers []string
	for _, r := range rules {
		peers = append(peers, r.String("referencedSecurityGroupId"))
		assert.Equal(t, "db-sg-id", r.String("securityGroupId"))
		assert.Equal(t, "tcp", r.String("ipProtocol"))
		assert.Equal(t, float64(5432), r.Number("fromPort"))
		assert.Equal(t, float64(5432), r.Number("toPort"))
		assert.False(t, r.Has("cidrIpv4"), "never a CIDR")
		assert.False(t, r.Has("cidrIpv6"), "never a CIDR")
	}
	assert.Equal(t, []string{"sg-web", "sg-worker"}, peers)
	assert.Equal(t, []string{"db-from-sg-0", "db-from-sg-1"}, []string{rules[0].Name, rules[1].Name})
}

func TestSecretReadPolicy(t *testing.T) {
	for _, tc := range []struct {
		name string
		args *database.RdsWithReplicasArgs
	}{{"managed secret", devArgs()}, {"generated secret", prodArgs(1)}} {
		t.Run(tc.name, func(t *testing.T) {
			_, d := build(t, tc.args)
			arn := testkit.Await(t, d.SecretArn).(string)
			require.NotEmpty(t, arn)
			var doc struct {
				Version   string
				Statement []struct {
					Effect   string
					Action   []string
					Resource []string
				}
			}
			require.NoError(t, json.Unmarshal([]byte(testkit.Await(t, d.SecretReadPolicy()).(string)), &doc))
			assert.Equal(t, "2012-10-17", doc.Version)
			require.Len(t, doc.Statement, 1)
			s := doc.Statement[0]
			assert.Equal(t, "Allow", s.Effect)
			assert.ElementsMatch(t, []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, s.Action)
			assert.Equal(t, []string{arn}, s.Resource, "that secret only")
		})
	}
}

func TestProtectIsOffByDefaultAndAlarmsMayHaveNoTopic(t *testing.T) {
	args := prodArgs(1)
	args.Protect = false
	args.AlarmTopicArn = nil
	m, _ := build(t, args)
	for _, r := range m.Resources() {
		assert.False(t, r.Protect, r.Name)
	}
	alarms := m.ByType(alarmType)
	require.NotEmpty(t, alarms)
	for _, a := range alarms {
		assert.False(t, a.Has("alarmActions"), a.Name)
	}

	args.Alarms = pulumi.BoolRef(false)
	args.MonitoringIntervalSeconds = pulumi.IntRef(0)
	args.PerformanceInsights = pulumi.BoolRef(false)
	args.CloudWatchLogExports = pulumi.BoolRef(false)
	m, _ = build(t, args)
	assert.Empty(t, m.ByType(alarmType))
	assert.Empty(t, m.ByType(roleType))
	primary, _ := m.Named(instanceType, "db-primary")
	assert.Equal(t, float64(0), primary.Number("monitoringInterval"))
	assert.False(t, primary.Has("monitoringRoleArn"))
	assert.False(t, primary.Bool("performanceInsightsEnabled"))
	assert.False(t, primary.Has("enabledCloudwatchLogsExports"))
}

func TestAuroraBuildsClusterWriterAndReaders(t *testing.T) {
	args := prodArgs(2)
	args.Engine = database.EngineAuroraPostgres
	m, d := build(t, args)

	assert.Empty(t, m.ByType(instanceType), "no RDS instances in Aurora mode")
	cluster := m.One(t, clusterType)
	assert.Equal(t, "db-cluster", cluster.Name)
	for field, want := range map[string]any{
		// The default major version "16", resolved to the default minor the lookup answers.
		"engine": "aurora-postgresql", "engineVersion": providers.RdsDefaultMinorVersions["aurora-postgresql16"], "engineMode": "provisioned",
		"manageMasterUserPassword": true, "storageEncrypted": true, "deletionProtection": true,
		"backupRetentionPeriod": float64(7), "copyTagsToSnapshot": true, "databaseName": "app",
		"masterUsername": "tenkadmin", "dbSubnetGroupName": "db-subnets-mock", "skipFinalSnapshot": false,
		"preferredBackupWindow": "03:00-04:00", "preferredMaintenanceWindow": "sun:05:00-sun:06:00",
	} {
		got, _ := cluster.Get(field)
		assert.Equal(t, want, got, field)
	}
	assert.False(t, cluster.Has("masterPassword"))
	assert.Regexp(t, `^db-final-[0-9a-f]{8}$`, cluster.String("finalSnapshotIdentifier"))
	assert.True(t, cluster.Protect)
	group := m.One(t, clusterParamsType)
	assert.Equal(t, "aurora-postgresql16", group.String("family"))
	assert.Equal(t, "1", params(group)["rds.force_ssl"])
	assert.Equal(t, "db-cluster-params-mock", cluster.String("dbClusterParameterGroupName"))
	assert.Empty(t, m.ByType(passwordType), "Aurora readers are not read replicas: the managed secret works")
	assert.Empty(t, m.ByType(secretType))

	instances := m.ByType(clusterInstanceType)
	require.Len(t, instances, 3)
	want := map[string]struct {
		az   string
		tier float64
	}{"db-writer": {"us-east-1a", 0}, "db-reader-0": {"us-east-1b", 1}, "db-reader-1": {"us-east-1c", 1}}
	for _, inst := range instances {
		w, ok := want[inst.Name]
		require.True(t, ok, inst.Name)
		assert.Equal(t, w.az, inst.String("availabilityZone"), inst.Name)
		assert.Equal(t, w.tier, inst.Number("promotionTier"), inst.Name)
		assert.Equal(t, "db-cluster-id", inst.String("clusterIdentifier"))
		assert.Equal(t, "db.r7g.large", inst.String("instanceClass"))
		assert.True(t, inst.Bool("performanceInsightsEnabled"))
		assert.False(t, inst.Bool("publiclyAccessible"))
		assert.True(t, inst.Protect)
	}
	require.NotNil(t, d.Writer)
	assert.Len(t, d.Readers, 2)

	clusterID := cluster.String("clusterIdentifier")
	assert.Regexp(t, `^db-cluster-[0-9a-f]{8}$`, clusterID, "the identifier is set, with the suffix")
	assert.Equal(t, clusterID+".cluster-c0ffee.us-east-1.rds.amazonaws.com", testkit.Await(t, d.WriterEndpoint))
	assert.Equal(t, []string{clusterID + ".cluster-ro-c0ffee.us-east-1.rds.amazonaws.com"}, testkit.Await(t, d.ReaderEndpoints))
	assert.Equal(t, "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!cluster-"+clusterID+"-AbCdEf", testkit.Await(t, d.SecretArn))

	lag, ok := m.Named(alarmType, "db-alarm-replica-lag-1")
	require.True(t, ok)
	assert.Equal(t, "AuroraReplicaLag", lag.String("metricName"))
	assert.Equal(t, float64(1000), lag.Number("threshold"), "milliseconds")
	storage, _ := m.Named(alarmType, "db-alarm-free-storage")
	assert.Equal(t, "FreeLocalStorage", storage.String("metricName"))
}

func TestAuroraMySQL(t *testing.T) {
	args := prodArgs(1)
	args.Engine = database.EngineAuroraMySQL
	m, d := build(t, args)
	group := m.One(t, clusterParamsType)
	assert.Equal(t, "aurora-mysql8.0", group.String("family"))
	assert.Equal(t, "ON", params(group)["require_secure_transport"], "cluster groups take ON")
	assert.Equal(t, 3306, testkit.Await(t, d.Port))
	assert.Len(t, m.ByType(clusterInstanceType), 2)
}

// urnsAndInputs maps each URN to its inputs, for comparing two runs.
func urnsAndInputs(m *testkit.Mocks) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range m.Resources() {
		out[r.URN] = r.Inputs
	}
	return out
}

func TestRaisingTheReplicaCountOnlyAddsResources(t *testing.T) {
	cases := []struct {
		engine database.Engine
		n      int
		added  []string
	}{
		// Each new RDS replica brings the log groups of its exported logs (created before it);
		// Aurora's log groups are the cluster's, so a reader adds none.
		{database.EnginePostgres, 2, []string{"db-replica-2", "db-alarm-replica-lag-2", "db-logs-replica-2-postgresql", "db-logs-replica-2-upgrade"}},
		{database.EngineMySQL, 1, []string{"db-replica-1", "db-alarm-replica-lag-1", "db-logs-replica-1-error", "db-logs-replica-1-slowquery"}},
		{database.EngineAuroraPostgres, 1, []string{"db-reader-1", "db-alarm-replica-lag-1"}},
	}
	for _, tc := range cases {
		t.Run(string(tc.engine), func(t *testing.T) {
			args := prodArgs(tc.n)
			args.Engine = tc.engine
			before, _ := build(t, args)
			args = prodArgs(tc.n + 1)
			args.Engine = tc.engine
			after, _ := build(t, args)

			was, now := urnsAndInputs(before), urnsAndInputs(after)
			for urn, inputs := range was {
				require.Contains(t, now, urn, "N → N+1 must keep %s", urn)
				assert.Equal(t, inputs, now[urn], "N → N+1 must not change %s", urn)
			}
			var added []string
			for urn := range now {
				if _, ok := was[urn]; !ok {
					added = append(added, urn[strings.LastIndex(urn, "::")+2:])
				}
			}
			assert.ElementsMatch(t, tc.added, added)
		})
	}
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	aurora := prodArgs(2)
	aurora.Engine = database.EngineAuroraMySQL
	for name, args := range map[string]*database.RdsWithReplicasArgs{"rds": prodArgs(2), "aurora": aurora, "dev": devArgs()} {
		t.Run(name, func(t *testing.T) {
			m, _ := build(t, args)
			assert.Len(t, m.Children(t, database.Token), len(m.Resources())-1)
		})
	}
}

func TestCallerOptionsApplyToTheComponent(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		parent, err := database.NewRdsWithReplicas(ctx, "outer", devArgs())
		if err != nil {
			return err
		}
		_, err = database.NewRdsWithReplicas(ctx, "db", devArgs(), pulumi.Parent(parent))
		return err
	}, testkit.RunOptions{})
	inner, ok := m.Named(database.Token, "db")
	require.True(t, ok)
	assert.Equal(t, "outer", inner.ParentName())
	primary, _ := m.Named(instanceType, "db-primary")
	assert.Equal(t, inner.URN, primary.Parent, "the component stays its children's parent")
}

// Protect covers every stateful child (internal/stateful): the members and, with a generated
// password, its secret, on RDS and Aurora alike, and nothing else.
func TestProtectCoversEveryStatefulChild(t *testing.T) {
	aurora := prodArgs(1)
	aurora.Engine = database.EngineAuroraPostgres
	for name, args := range map[string]*database.RdsWithReplicasArgs{"rds": prodArgs(2), "aurora": aurora} {
		t.Run(name, func(t *testing.T) {
			m, _ := build(t, args)
			if name == "rds" {
				require.NotEmpty(t, m.ByType("aws:secretsmanager/secret:Secret"), "replicas: a generated password in its own secret")
			}
			for _, r := range m.Resources() {
				assert.Equal(t, stateful.Is(r.Type), r.Protect, "%s %s", r.Type, r.Name)
			}
		})
	}
}
