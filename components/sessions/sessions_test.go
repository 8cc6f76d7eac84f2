package sessions_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	tableType      = "aws:dynamodb/table:Table"
	policyType     = "aws:iam/policy:Policy"
	attachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	alarmType      = "aws:cloudwatch/metricAlarm:MetricAlarm"
	targetType     = "aws:appautoscaling/target:Target"
	scalingType    = "aws:appautoscaling/policy:Policy"

	// The table's auto-generated name and ARN, as internal/offline/providers/sessions.go computes them.
	autoTableName = "sessions-table-1a2b3c4"
	autoTableArn  = "arn:aws:dynamodb:us-east-1:123456789012:table/" + autoTableName
	topicArn      = "arn:aws:sns:us-east-1:123456789012:ops"
)

func build(t *testing.T, args *sessions.SessionTableArgs) (*testkit.Mocks, *sessions.SessionTable) {
	t.Helper()
	return testkit.Build(t, func(ctx *pulumi.Context) (*sessions.SessionTable, error) {
		return sessions.NewSessionTable(ctx, "sessions", args)
	})
}

// statement is one parsed IAM policy statement; Action and Resource accept a string or a list.
type statement struct {
	Effect   string
	Action   []string
	Resource []string
}

func (s *statement) UnmarshalJSON(b []byte) error {
	var raw struct {
		Effect   string
		Action   json.RawMessage
		Resource json.RawMessage
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	s.Effect = raw.Effect
	for _, f := range []struct {
		in  json.RawMessage
		out *[]string
	}{{raw.Action, &s.Action}, {raw.Resource, &s.Resource}} {
		var one string
		if err := json.Unmarshal(f.in, &one); err == nil {
			*f.out = []string{one}
			continue
		}
		if err := json.Unmarshal(f.in, f.out); err != nil {
			return err
		}
	}
	return nil
}

func parsePolicy(t *testing.T, doc string) []statement {
	t.Helper()
	var p struct {
		Version   string
		Statement []statement
	}
	require.NoError(t, json.Unmarshal([]byte(doc), &p), doc)
	require.Equal(t, "2012-10-17", p.Version)
	require.NotEmpty(t, p.Statement)
	return p.Statement
}

func TestDefaultsAreProductionGrade(t *testing.T) {
	m, s := build(t, &sessions.SessionTableArgs{Protect: true, AlarmTopicArn: pulumi.String(topicArn)})

	table := m.One(t, tableType)
	assert.Equal(t, "sessions-table", table.Name)
	assert.False(t, table.Has("name"), "auto-named unless TableName is set")
	assert.Equal(t, "PAY_PER_REQUEST", table.String("billingMode"))
	assert.Equal(t, "SessionId", table.String("hashKey"))
	attrs, _ := table.Get("attributes")
	assert.Equal(t, []any{map[string]any{"name": "SessionId", "type": "S"}}, attrs, "only the key attribute is declared")
	assert.True(t, table.Bool("ttl.enabled"))
	assert.Equal(t, "ExpiresAt", table.String("ttl.attributeName"))
	assert.True(t, table.Bool("pointInTimeRecovery.enabled"))
	assert.Equal(t, float64(35), table.Number("pointInTimeRecovery.recoveryPeriodInDays"))
	assert.True(t, table.Bool("deletionProtectionEnabled"))
	assert.True(t, table.Bool("serverSideEncryption.enabled"), "AWS-managed aws/dynamodb key, not the AWS-owned one")
	assert.False(t, table.Has("serverSideEncryption.kmsKeyArn"))
	assert.False(t, table.Has("readCapacity"))
	assert.False(t, table.Has("onDemandThroughput"))
	assert.False(t, table.Has("streamEnabled"))
	assert.True(t, table.Protect, "Protect: true adds pulumi.Protect")
	assert.Empty(t, table.IgnoreChanges)
	assert.Empty(t, m.ByType(targetType), "on-demand tables need no autoscaling")
	assert.Empty(t, m.ByType(scalingType))

	assert.Equal(t, autoTableName, testkit.Await(t, s.TableName))
	assert.Equal(t, autoTableArn, testkit.Await(t, s.TableArn))
	assert.Equal(t, "SessionId", s.PartitionKey)
	assert.Equal(t, "ExpiresAt", s.TTLAttribute)
	policy := m.One(t, policyType)
	assert.Equal(t, "arn:aws:iam:us-east-1:123456789012:sessions-access", testkit.Await(t, s.PolicyArn))
	assert.Equal(t, policy.String("policy"), testkit.Await(t, s.PolicyDocument))
	assert.Empty(t, m.ByType(attachmentType), "no roles, no attachments")

	// Alarms: throttling on the table, system errors per operation, all notifying the topic.
	alarms := m.ByType(alarmType)
	names := map[string]testkit.Resource{}
	for _, a := range alarms {
		names[a.Name] = a
		assert.Equal(t, "AWS/DynamoDB", a.String("namespace"))
		assert.Equal(t, autoTableName, a.String("dimensions.TableName"), "%s watches this table", a.Name)
		assert.Equal(t, []string{topicArn}, a.Strings("alarmActions"), a.Name)
		assert.Equal(t, []string{topicArn}, a.Strings("okActions"), a.Name)
		assert.Equal(t, "Sum", a.String("statistic"))
		assert.Equal(t, "GreaterThanThreshold", a.String("comparisonOperator"))
	}
	assert.Len(t, alarms, 6)
	for name, metric := range map[string]string{
		"sessions-alarm-read-throttles":  "ReadThrottleEvents",
		"sessions-alarm-write-throttles": "WriteThrottleEvents",
	} {
		require.Contains(t, names, name)
		assert.Equal(t, metric, names[name].String("metricName"))
		assert.False(t, names[name].Has("dimensions.Operation"), "throttle events are published per table")
	}
	for _, op := range []string{"GetItem", "PutItem", "UpdateItem", "DeleteItem"} {
		name := "sessions-alarm-system-errors-" + strings.ToLower(op)
		require.Contains(t, names, name)
		assert.Equal(t, "SystemErrors", names[name].String("metricName"))
		assert.Equal(t, op, names[name].String("dimensions.Operation"), "SystemErrors is published per TableName and Operation")
	}
}

func TestDevArgsKeepEncryptionAndTTL(t *testing.T) {
	m, _ := build(t, &sessions.SessionTableArgs{
		PointInTimeRecovery: pulumi.BoolRef(false),
		DeletionProtection:  pulumi.BoolRef(false),
		MaxReadRequestUnits: 100,
	})
	table := m.One(t, tableType)
	assert.False(t, table.Bool("pointInTimeRecovery.enabled"))
	assert.True(t, table.Has("pointInTimeRecovery.enabled"), "PITR is switched off explicitly, not left to drift")
	assert.False(t, table.Has("pointInTimeRecovery.recoveryPeriodInDays"))
	assert.False(t, table.Bool("deletionProtectionEnabled"))
	assert.True(t, table.Has("deletionProtectionEnabled"))
	assert.False(t, table.Protect)
	// Dev relaxes cost knobs only: encryption, TTL and billing stay as in prod.
	assert.True(t, table.Bool("serverSideEncryption.enabled"))
	assert.True(t, table.Bool("ttl.enabled"))
	assert.Equal(t, "ExpiresAt", table.String("ttl.attributeName"))
	assert.Equal(t, "PAY_PER_REQUEST", table.String("billingMode"))
	assert.Equal(t, float64(100), table.Number("onDemandThroughput.maxReadRequestUnits"))
	assert.False(t, table.Has("onDemandThroughput.maxWriteRequestUnits"))

	for _, a := range m.ByType(alarmType) {
		assert.False(t, a.Has("alarmActions"), "no topic, no actions: %s", a.Name)
	}
	assert.Len(t, m.ByType(alarmType), 6, "dev keeps its alarms")
}

func TestPolicyGrantsOnlyItemActionsOnThisTable(t *testing.T) {
	m, _ := build(t, nil)
	policy := m.One(t, policyType)
	statements := parsePolicy(t, policy.String("policy"))
	require.Len(t, statements, 1)
	s := statements[0]
	assert.Equal(t, "Allow", s.Effect)
	assert.ElementsMatch(t, []string{
		"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem",
	}, s.Action)
	assert.Equal(t, []string{autoTableArn}, s.Resource, "this table's ARN only: no index ARNs, no other tables")
	for _, st := range statements {
		for _, a := range st.Action {
			assert.NotEqual(t, "dynamodb:*", a)
			assert.NotEqual(t, "*", a)
			assert.NotContains(t, a, "*", "no wildcard action")
		}
		for _, r := range st.Resource {
			assert.NotEqual(t, "*", r)
			assert.NotContains(t, r, "*", "no wildcard resource")
		}
	}
}

func TestPolicyDocumentHelperMatchesTheComponent(t *testing.T) {
	var helper pulumi.StringOutput
	_, s := build(t, nil)
	testkit.MustRun(t, func(ctx *pulumi.Context) error {
		helper = sessions.PolicyDocument(pulumi.String(autoTableArn), nil)
		return nil
	}, testkit.RunOptions{})
	assert.JSONEq(t, testkit.Await(t, s.PolicyDocument).(string), testkit.Await(t, helper).(string))
}

func TestCustomerKeyIsUsedAndGranted(t *testing.T) {
	key := "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	m, _ := build(t, &sessions.SessionTableArgs{KmsKeyArn: pulumi.String(key)})
	table := m.One(t, tableType)
	assert.True(t, table.Bool("serverSideEncryption.enabled"))
	assert.Equal(t, key, table.String("serverSideEncryption.kmsKeyArn"))
	statements := parsePolicy(t, m.One(t, policyType).String("policy"))
	require.Len(t, statements, 2)
	assert.Equal(t, []string{autoTableArn}, statements[0].Resource)
	assert.Equal(t, []string{key}, statements[1].Resource)
	assert.Contains(t, statements[1].Action, "kms:Decrypt")
}

// The table grants through its policy only: the caller attaches PolicyArn (issue 14, one grant
// shape for the data tiers); the component attaches it to no role itself.
func TestTheTableAttachesItsPolicyToNoRole(t *testing.T) {
	m, s := build(t, nil)
	assert.Empty(t, m.ByType(attachmentType))
	assert.Empty(t, m.ByType("aws:iam/rolePolicy:RolePolicy"))
	policy := m.One(t, policyType)
	assert.Equal(t, "arn:aws:iam:us-east-1:123456789012:"+policy.Name, testkit.Await(t, s.PolicyArn))
	assert.Equal(t, policy.String("policy"), testkit.Await(t, s.PolicyDocument))
}

func TestProvisionedModeAutoscalesReadsAndWrites(t *testing.T) {
	m, _ := build(t, &sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{
		MinReadCapacity:   10,
		MaxReadCapacity:   200,
		MinWriteCapacity:  4,
		TargetUtilization: 60,
	}})
	table := m.One(t, tableType)
	assert.Equal(t, "PROVISIONED", table.String("billingMode"))
	assert.Equal(t, float64(10), table.Number("readCapacity"), "starts at the minimum")
	assert.Equal(t, float64(4), table.Number("writeCapacity"))
	assert.ElementsMatch(t, []string{"readCapacity", "writeCapacity"}, table.IgnoreChanges,
		"autoscaling owns capacity: `pulumi up` must not reset it")

	want := map[string]struct {
		dimension, metric string
		lo, hi            float64
	}{
		"read":  {"dynamodb:table:ReadCapacityUnits", "DynamoDBReadCapacityUtilization", 10, 200},
		"write": {"dynamodb:table:WriteCapacityUnits", "DynamoDBWriteCapacityUtilization", 4, 40},
	}
	require.Len(t, m.ByType(targetType), 2)
	require.Len(t, m.ByType(scalingType), 2)
	for suffix, w := range want {
		target, ok := m.Named(targetType, "sessions-"+suffix+"-target")
		require.True(t, ok, suffix)
		assert.Equal(t, "dynamodb", target.String("serviceNamespace"))
		assert.Equal(t, "table/"+autoTableName, target.String("resourceId"))
		assert.Equal(t, w.dimension, target.String("scalableDimension"))
		assert.Equal(t, w.lo, target.Number("minCapacity"))
		assert.Equal(t, w.hi, target.Number("maxCapacity"), "default max is 10 × min")

		policy, ok := m.Named(scalingType, "sessions-"+suffix+"-scaling")
		require.True(t, ok, suffix)
		assert.Equal(t, "TargetTrackingScaling", policy.String("policyType"))
		assert.Equal(t, "table/"+autoTableName, policy.String("resourceId"))
		assert.Equal(t, w.dimension, policy.String("scalableDimension"))
		assert.Equal(t, "dynamodb", policy.String("serviceNamespace"))
		assert.Equal(t, w.metric, policy.String("targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType"))
		assert.Equal(t, float64(60), policy.Number("targetTrackingScalingPolicyConfiguration.targetValue"))
	}
}

func TestProvisionedDefaults(t *testing.T) {
	m, _ := build(t, &sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{}})
	table := m.One(t, tableType)
	assert.Equal(t, float64(5), table.Number("readCapacity"))
	assert.Equal(t, float64(5), table.Number("writeCapacity"))
	for _, target := range m.ByType(targetType) {
		assert.Equal(t, float64(5), target.Number("minCapacity"), target.Name)
		assert.Equal(t, float64(50), target.Number("maxCapacity"), target.Name)
	}
	for _, policy := range m.ByType(scalingType) {
		assert.Equal(t, float64(70), policy.Number("targetTrackingScalingPolicyConfiguration.targetValue"), policy.Name)
	}
}

func TestOptionalTableNameAndStream(t *testing.T) {
	m, s := build(t, &sessions.SessionTableArgs{
		TableName:      "prod.sessions_v2",
		PartitionKey:   "sid",
		TTLAttribute:   "expires",
		StreamViewType: sessions.StreamNewImage,
	})
	table := m.One(t, tableType)
	assert.Equal(t, "prod.sessions_v2", table.String("name"))
	assert.Equal(t, "sid", table.String("hashKey"))
	assert.Equal(t, "sid", table.String("attributes.0.name"))
	assert.Equal(t, "expires", table.String("ttl.attributeName"))
	assert.True(t, table.Bool("streamEnabled"))
	assert.Equal(t, "NEW_IMAGE", table.String("streamViewType"))
	assert.Equal(t, "prod.sessions_v2", testkit.Await(t, s.TableName))
	assert.Equal(t, "arn:aws:dynamodb:us-east-1:123456789012:table/prod.sessions_v2/stream/2024-01-01T00:00:00.000",
		testkit.Await(t, s.Table.StreamArn))
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	m, _ := build(t, &sessions.SessionTableArgs{
		Provisioned: &sessions.ProvisionedCapacity{},
	})
	children := m.Children(t, sessions.Token)
	for _, r := range children {
		if r.Type != tableType {
			assert.False(t, r.Protect, "only the table may be protected: %s", r.Name)
		}
	}
	// table, policy, 2 targets, 2 scaling policies, 6 alarms
	assert.Len(t, children, 12)
	assert.Len(t, m.Resources(), 13, "the component and its children, nothing else")
}

func TestScalingKnobsNeverRenameTheTable(t *testing.T) {
	onDemand, _ := build(t, nil)
	provisioned, _ := build(t, &sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{MaxReadCapacity: 500}})
	again, _ := build(t, nil)
	assert.Equal(t, onDemand.One(t, tableType).URN, provisioned.One(t, tableType).URN)
	assert.Equal(t, onDemand.URNs(), again.URNs(), "the same inputs give the same resources and names")
}

func TestCallerArgsAreNotModified(t *testing.T) {
	args := sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{}}
	build(t, &args)
	assert.Nil(t, args.PointInTimeRecovery)
	assert.Equal(t, "", args.PartitionKey)
	assert.Equal(t, sessions.ProvisionedCapacity{}, *args.Provisioned)
}

func TestInvalidArgsRegisterNothing(t *testing.T) {
	long := strings.Repeat("a", 256)
	cases := []struct {
		name string
		args sessions.SessionTableArgs
		path string // the field the problem is reported on
	}{
		{"table name too short", sessions.SessionTableArgs{TableName: "ab"}, `TableName`},
		{"table name characters", sessions.SessionTableArgs{TableName: "my sessions"}, `TableName`},
		{"partition key too long", sessions.SessionTableArgs{PartitionKey: long}, `PartitionKey`},
		{"TTL attribute too long", sessions.SessionTableArgs{TTLAttribute: long}, `TTLAttribute`},
		{"TTL attribute invalid UTF-8", sessions.SessionTableArgs{TTLAttribute: "\xff"}, `TTLAttribute`},
		{"TTL on the key", sessions.SessionTableArgs{TTLAttribute: "SessionId"}, `TTLAttribute`},
		{"read min below 1", sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{MinReadCapacity: -1, MaxReadCapacity: 10}}, `Provisioned.MinReadCapacity`},
		{"write max below min", sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{MinWriteCapacity: 20, MaxWriteCapacity: 10}}, `Provisioned.MaxWriteCapacity`},
		{"read max below min", sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{MinReadCapacity: 5, MaxReadCapacity: 4}}, `Provisioned.MaxReadCapacity`},
		{"target too low", sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{TargetUtilization: 10}}, `Provisioned.TargetUtilization`},
		{"target too high", sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{TargetUtilization: 95}}, `Provisioned.TargetUtilization`},
		{"on-demand cap with provisioned", sessions.SessionTableArgs{Provisioned: &sessions.ProvisionedCapacity{}, MaxWriteRequestUnits: 10}, `MaxWriteRequestUnits`},
		{"negative on-demand cap", sessions.SessionTableArgs{MaxReadRequestUnits: -5}, `MaxReadRequestUnits`},
		{"recovery window too long", sessions.SessionTableArgs{PointInTimeRecoveryDays: 36}, `PointInTimeRecoveryDays`},
		{"recovery window without PITR", sessions.SessionTableArgs{PointInTimeRecovery: pulumi.BoolRef(false), PointInTimeRecoveryDays: 7}, `PointInTimeRecoveryDays`},
		{"stream view", sessions.SessionTableArgs{StreamViewType: "ALL"}, `StreamViewType`},
		{"reserved tag", sessions.SessionTableArgs{Tags: map[string]string{"aws:team": "x"}}, `Tags["aws:team"]`},
		{"too many tags", sessions.SessionTableArgs{Tags: manyTags(51)}, `Tags`},
		{"tag key too long", sessions.SessionTableArgs{Tags: map[string]string{strings.Repeat("k", 129): "v"}}, `Tags["kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"]`},
		{"tag value too long", sessions.SessionTableArgs{Tags: map[string]string{"team": strings.Repeat("v", 257)}}, `Tags["team"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := sessions.NewSessionTable(ctx, "sessions", &args)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
			assert.Contains(t, err.Error(), `session table "sessions"`)
			assert.Empty(t, m.Resources(), "a rejected table registers nothing")
		})
	}
}

func manyTags(n int) map[string]string {
	tags := map[string]string{}
	for i := range n {
		tags[fmt.Sprintf("tag%d", i)] = "v"
	}
	return tags
}

func TestValidateReportsEveryProblem(t *testing.T) {
	err := sessions.SessionTableArgs{
		TableName:      "x",
		TTLAttribute:   "SessionId",
		StreamViewType: "ALL",
		Provisioned:    &sessions.ProvisionedCapacity{TargetUtilization: 5},
	}.Validate()
	require.Error(t, err)
	assert.Equal(t, []string{"Provisioned.TargetUtilization", "StreamViewType", "TTLAttribute", "TableName"},
		fielderr.Paths(err), "every problem, sorted by path")
	assert.NoError(t, sessions.SessionTableArgs{}.Validate(), "the zero value is valid")
}

func TestAlarmsOff(t *testing.T) {
	on, _ := build(t, nil)
	require.Len(t, on.ByType("aws:cloudwatch/metricAlarm:MetricAlarm"), 6)
	off, s := build(t, &sessions.SessionTableArgs{Alarms: pulumi.BoolRef(false)})
	assert.Empty(t, off.ByType("aws:cloudwatch/metricAlarm:MetricAlarm"))
	assert.Empty(t, testkit.Await(t, s.AlarmArns))
}
