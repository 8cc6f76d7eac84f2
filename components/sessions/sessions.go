package sessions

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/appautoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/dynamodb"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/outputs"
	"github.com/tenkstack/tenk/components/internal/protect"
)

// Token is SessionTable's type token; it is part of every child's URN, so it never changes.
const Token = "tenk:sessions:SessionTable"

// SessionTable is a DynamoDB session store with TTL, backups, encryption, a least-privilege
// access policy and alarms.
type SessionTable struct {
	pulumi.ResourceState

	// TableName is the table's name, for the application's configuration.
	TableName pulumi.StringOutput
	// TableArn is the table's ARN.
	TableArn pulumi.StringOutput
	// PartitionKey is the session ID attribute (type S).
	PartitionKey string
	// TTLAttribute is the expiry attribute: write epoch seconds, and check it on every read.
	TTLAttribute string
	// PolicyArn is the managed policy granting the item-level read/write access a session store
	// needs: attach it to the roles that use the table (iam.RolePolicyAttachment), in the
	// caller's scope. This is the table's one grant.
	PolicyArn pulumi.StringOutput
	// PolicyDocument is that policy's JSON, for callers who put it inline on a role instead.
	PolicyDocument pulumi.StringOutput
	// AlarmArns are the ARNs of the table's alarms, for dashboards.
	AlarmArns pulumi.StringArrayOutput
	// Table is the DynamoDB table inside, for stream ARNs or extra wiring.
	Table *dynamodb.Table
}

// NewSessionTable validates args, then builds the table, its autoscaling (provisioned only), the
// access policy (attach PolicyArn to the roles that use the table) and the alarms as children
// of one SessionTable.
func NewSessionTable(ctx *pulumi.Context, name string, args *SessionTableArgs, opts ...pulumi.ResourceOption) (*SessionTable, error) {
	if args == nil {
		args = &SessionTableArgs{}
	}
	if err := args.Validate(); err != nil {
		return nil, fmt.Errorf("session table %q: %w", name, err)
	}
	a := args.withDefaults()

	s := &SessionTable{PartitionKey: a.PartitionKey, TTLAttribute: a.TTLAttribute}
	if err := ctx.RegisterComponentResource(Token, name, s, protect.Register(a.Protect, opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(s)
	tags := pulumi.ToStringMap(a.Tags)

	table, err := newTable(ctx, name, a, tags, parent)
	if err != nil {
		return nil, err
	}
	s.Table = table
	s.TableName = table.Name
	s.TableArn = table.Arn

	if a.Provisioned != nil {
		if err := autoscale(ctx, name, table.Name, *a.Provisioned, tags, parent); err != nil {
			return nil, err
		}
	}

	s.PolicyDocument = PolicyDocument(table.Arn, a.KmsKeyArn)
	policy, err := iam.NewPolicy(ctx, name+"-access", &iam.PolicyArgs{
		Description: pulumi.String("Item-level read/write access to one tenk session table"),
		Policy:      s.PolicyDocument,
		Tags:        tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	s.PolicyArn = policy.Arn

	var list []alarms.Alarm
	if alarms.On(a.Alarms) {
		list = tableAlarms(table.Name)
	}
	created, err := alarms.Create(ctx, name, list, a.AlarmTopicArn, tags, parent)
	if err != nil {
		return nil, err
	}
	s.AlarmArns = alarms.ARNs(created)

	if err := outputs.Register(ctx, s); err != nil {
		return nil, err
	}
	return s, nil
}

// newTable registers the DynamoDB table.
func newTable(ctx *pulumi.Context, name string, a SessionTableArgs, tags pulumi.StringMap, parent pulumi.ResourceOption) (*dynamodb.Table, error) {
	args := &dynamodb.TableArgs{
		// Only key attributes are declared: CreateTable rejects attribute definitions no key uses,
		// so the TTL attribute stays schemaless.
		HashKey:    pulumi.String(a.PartitionKey),
		Attributes: dynamodb.TableAttributeArray{dynamodb.TableAttributeArgs{Name: pulumi.String(a.PartitionKey), Type: pulumi.String("S")}},
		// TTL reads a Number attribute in epoch seconds; items with any other type never expire
		// (DynamoDB Developer Guide, "Using time to live (TTL) in DynamoDB").
		Ttl: dynamodb.TableTtlArgs{Enabled: pulumi.Bool(true), AttributeName: pulumi.String(a.TTLAttribute)},
		// enabled=true without a key ARN selects the AWS-managed aws/dynamodb key; false would mean
		// the AWS-owned key, whose use does not show in CloudTrail (TableServerSideEncryptionArgs).
		ServerSideEncryption:      dynamodb.TableServerSideEncryptionArgs{Enabled: pulumi.Bool(true), KmsKeyArn: a.KmsKeyArn},
		DeletionProtectionEnabled: pulumi.Bool(*a.DeletionProtection),
		Tags:                      tags,
	}
	if a.TableName != "" {
		args.Name = pulumi.String(a.TableName)
	}
	pitr := dynamodb.TablePointInTimeRecoveryArgs{Enabled: pulumi.Bool(*a.PointInTimeRecovery)}
	if *a.PointInTimeRecovery {
		pitr.RecoveryPeriodInDays = pulumi.Int(a.PointInTimeRecoveryDays)
	}
	args.PointInTimeRecovery = pitr
	if a.StreamViewType != "" {
		args.StreamEnabled = pulumi.Bool(true)
		args.StreamViewType = pulumi.String(string(a.StreamViewType))
	}

	opts := []pulumi.ResourceOption{parent}
	if p := a.Provisioned; p != nil {
		args.BillingMode = pulumi.String("PROVISIONED")
		args.ReadCapacity = pulumi.Int(p.MinReadCapacity)
		args.WriteCapacity = pulumi.Int(p.MinWriteCapacity)
		// Autoscaling owns the capacity after creation; without this every `pulumi up` would
		// reset it to the minimum (terraform-aws-dynamodb-table #14, #17).
		opts = append(opts, pulumi.IgnoreChanges([]string{"readCapacity", "writeCapacity"}))
	} else {
		args.BillingMode = pulumi.String("PAY_PER_REQUEST")
		if a.MaxReadRequestUnits > 0 || a.MaxWriteRequestUnits > 0 {
			limit := dynamodb.TableOnDemandThroughputArgs{}
			if a.MaxReadRequestUnits > 0 {
				limit.MaxReadRequestUnits = pulumi.Int(a.MaxReadRequestUnits)
			}
			if a.MaxWriteRequestUnits > 0 {
				limit.MaxWriteRequestUnits = pulumi.Int(a.MaxWriteRequestUnits)
			}
			args.OnDemandThroughput = limit
		}
	}
	return dynamodb.NewTable(ctx, name+"-table", args, opts...)
}

// autoscale registers one scalable target and one target-tracking policy for reads and for
// writes. Targets use Application Auto Scaling's DynamoDB service-linked role.
func autoscale(ctx *pulumi.Context, name string, tableName pulumi.StringOutput, p ProvisionedCapacity, tags pulumi.StringMap, parent pulumi.ResourceOption) error {
	for _, d := range []struct {
		suffix, dimension, metric string
		lo, hi                    int
	}{
		{"read", "dynamodb:table:ReadCapacityUnits", "DynamoDBReadCapacityUtilization", p.MinReadCapacity, p.MaxReadCapacity},
		{"write", "dynamodb:table:WriteCapacityUnits", "DynamoDBWriteCapacityUtilization", p.MinWriteCapacity, p.MaxWriteCapacity},
	} {
		target, err := appautoscaling.NewTarget(ctx, name+"-"+d.suffix+"-target", &appautoscaling.TargetArgs{
			ServiceNamespace:  pulumi.String("dynamodb"),
			ResourceId:        pulumi.Sprintf("table/%s", tableName),
			ScalableDimension: pulumi.String(d.dimension),
			MinCapacity:       pulumi.Int(d.lo),
			MaxCapacity:       pulumi.Int(d.hi),
			Tags:              tags,
		}, parent)
		if err != nil {
			return err
		}
		if _, err := appautoscaling.NewPolicy(ctx, name+"-"+d.suffix+"-scaling", &appautoscaling.PolicyArgs{
			PolicyType:        pulumi.String("TargetTrackingScaling"),
			ServiceNamespace:  target.ServiceNamespace,
			ResourceId:        target.ResourceId,
			ScalableDimension: target.ScalableDimension,
			TargetTrackingScalingPolicyConfiguration: appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs{
				PredefinedMetricSpecification: appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs{
					PredefinedMetricType: pulumi.String(d.metric),
				},
				TargetValue: pulumi.Float64(p.TargetUtilization),
			},
		}, parent); err != nil {
			return err
		}
	}
	return nil
}
