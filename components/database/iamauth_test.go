package database_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/internal/testkit"
)

type connectPolicy struct {
	Version   string
	Statement []struct {
		Sid, Effect, Action string
		Resource            []string
		Principal           any
	}
}

func parseConnect(t *testing.T, out pulumi.StringOutput) connectPolicy {
	t.Helper()
	var p connectPolicy
	require.NoError(t, json.Unmarshal([]byte(testkit.Await(t, out).(string)), &p))
	require.Len(t, p.Statement, 1)
	assert.Equal(t, "2012-10-17", p.Version)
	assert.Equal(t, "Allow", p.Statement[0].Effect)
	assert.Equal(t, "rds-db:connect", p.Statement[0].Action)
	assert.Nil(t, p.Statement[0].Principal, "an identity policy names no principal")
	return p
}

var dbUserArn = regexp.MustCompile(`^arn:aws:rds-db:us-east-1:123456789012:dbuser:db-[0-9A-F]{26}/app_user$`)

func TestIAMAuthenticationIsOnByDefault(t *testing.T) {
	m, d := build(t, prodArgs(2))
	assert.True(t, d.IAMAuthentication)
	for _, inst := range m.ByType(instanceType) {
		assert.True(t, inst.Bool("iamDatabaseAuthenticationEnabled"), inst.Name)
	}
	args := prodArgs(1)
	args.Engine = database.EngineAuroraMySQL
	m, _ = build(t, args)
	assert.True(t, m.One(t, clusterType).Bool("iamDatabaseAuthenticationEnabled"))
}

func TestConnectPolicyCoversThePrimaryAndEveryReplica(t *testing.T) {
	m, d := build(t, prodArgs(2))
	out, err := d.ConnectPolicy("app_user")
	require.NoError(t, err)
	p := parseConnect(t, out)
	resources := p.Statement[0].Resource
	require.Len(t, resources, 3, "each replica has its own DbiResourceId")
	for _, r := range resources {
		assert.Regexp(t, dbUserArn, r)
	}
	members := append([]*rds.Instance{d.Primary}, d.Replicas...)
	for i, inst := range members {
		assert.Equal(t, "arn:aws:rds-db:us-east-1:123456789012:dbuser:"+testkit.Await(t, inst.ResourceId).(string)+"/app_user", resources[i])
	}
	assert.Len(t, m.ByType(instanceType), 3)
	assert.NotEqual(t, resources[0], resources[1])
}

func TestConnectPolicyForAuroraNamesTheClusterResourceID(t *testing.T) {
	args := prodArgs(2)
	args.Engine = database.EngineAuroraPostgres
	_, d := build(t, args)
	out, err := d.ConnectPolicy("app_user")
	require.NoError(t, err)
	p := parseConnect(t, out)
	require.Len(t, p.Statement[0].Resource, 1, "one grant covers every instance of the cluster")
	assert.Equal(t, "arn:aws:rds-db:us-east-1:123456789012:dbuser:"+testkit.Await(t, d.Cluster.ClusterResourceId).(string)+"/app_user", p.Statement[0].Resource[0])
	assert.Regexp(t, `dbuser:cluster-[0-9A-F]{26}/app_user$`, p.Statement[0].Resource[0])
}

func TestConnectPolicyRefusesWhatCannotWork(t *testing.T) {
	_, d := build(t, devArgs())
	for user, want := range map[string]string{
		"tenkadmin": "master user, which keeps its password",
		"1app":      "user names are 1–63 letters, digits or underscores",
		"app-user":  "user names are 1–63 letters, digits or underscores",
	} {
		_, err := d.ConnectPolicy(user)
		require.Error(t, err, user)
		assert.Contains(t, err.Error(), want, user)
	}
	args := devArgs()
	args.IAMDatabaseAuthentication = pulumi.BoolRef(false)
	m, off := build(t, args)
	assert.False(t, m.One(t, instanceType).Bool("iamDatabaseAuthenticationEnabled"))
	_, err := off.ConnectPolicy("app_user")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "set IAMDatabaseAuthentication to true")
}

func TestConnectResourceArn(t *testing.T) {
	for _, tc := range []struct{ arn, id, want, err string }{
		{"arn:aws:rds:eu-west-1:111122223333:db:app-primary", "db-ABCDEFGHIJKL01234", "arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL01234/app_user", ""},
		{"arn:aws:rds:us-east-2:1234567890:cluster:app-cluster", "cluster-ABCDEFGHIJKL01234", "arn:aws:rds-db:us-east-2:1234567890:dbuser:cluster-ABCDEFGHIJKL01234/app_user", ""},
		{"arn:aws-us-gov:rds:us-gov-west-1:111122223333:db:x", "db-X", "arn:aws-us-gov:rds-db:us-gov-west-1:111122223333:dbuser:db-X/app_user", ""},
		{"arn:aws:dynamodb:us-east-1:111122223333:table/x", "db-X", "", "is not an RDS instance or cluster ARN"},
		{"arn:aws:rds:us-east-1:111122223333:db:x", "", "", "resource ID"},
	} {
		got, err := database.ConnectResourceArn(tc.arn, tc.id, "app_user")
		if tc.err != "" {
			require.Error(t, err, tc.arn)
			assert.Contains(t, err.Error(), tc.err)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
}
