package database

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
	"github.com/tenkstack/tenk/components/internal/ingress"
	"github.com/tenkstack/tenk/components/internal/outputs"
	"github.com/tenkstack/tenk/components/internal/protect"
)

// Token is RdsWithReplicas's type token; it is part of every child's URN, so it never changes.
const Token = "tenk:database:RdsWithReplicas"

// RdsWithReplicas is the relational database tier: an RDS primary with a Multi-AZ standby and
// ReadReplicas read replicas (default 0), or, with an Aurora engine, an Aurora cluster with a
// writer and ReadReplicas readers. The name predates Aurora mode and stays (it is in the token).
type RdsWithReplicas struct {
	pulumi.ResourceState

	// Engine is the engine it runs.
	Engine Engine
	// WriterEndpoint is the host name applications write to: the primary's address, or Aurora's
	// cluster endpoint. It follows a Multi-AZ failover (apps must reconnect, ~60–120 s).
	WriterEndpoint pulumi.StringOutput
	// Port is the port the database listens on.
	Port pulumi.IntOutput
	// ReaderEndpoints are host names for read traffic: one per read replica in replica order (RDS),
	// or Aurora's single reader endpoint. Empty when there are no replicas: read from the writer.
	ReaderEndpoints pulumi.StringArrayOutput
	// DatabaseName is the database created at launch.
	DatabaseName string
	// Username is the master user.
	Username string
	// SecretArn is the Secrets Manager secret holding the master credentials: RDS's managed secret
	// (username, password) without replicas and for Aurora, or the component's own secret
	// (username, password, host, port, dbname, engine) when RDS read replicas exist.
	SecretArn pulumi.StringOutput
	// SecurityGroupID is the database's security group, for callers who add their own rules.
	SecurityGroupID pulumi.StringOutput
	// AlarmArns are the ARNs of the database's alarms (none when Alarms is off), for dashboards.
	AlarmArns pulumi.StringArrayOutput
	// IAMAuthentication is true when IAM database authentication is on (grant with ConnectPolicy).
	IAMAuthentication bool

	// Primary is the RDS primary instance (nil in Aurora mode).
	Primary *rds.Instance
	// Replicas are the RDS read replicas, replica i at index i.
	Replicas []*rds.Instance
	// Cluster is the Aurora cluster (nil in RDS mode).
	Cluster *rds.Cluster
	// Writer is the Aurora writer instance (nil in RDS mode).
	Writer *rds.ClusterInstance
	// Readers are the Aurora readers, reader i at index i.
	Readers []*rds.ClusterInstance

	// connectTargets are the databases ConnectPolicy grants: the primary and replicas, or the cluster.
	connectTargets []connectTarget
}

// shared holds what the RDS and Aurora builders both use.
type shared struct {
	name            string
	args            RdsWithReplicasArgs
	spec            engineSpec
	family          string
	tags            pulumi.StringMap
	parent          pulumi.ResourceOption
	invokeParent    pulumi.InvokeOption
	subnetGroup     *rds.SubnetGroup
	securityGroupID pulumi.StringOutput
	monitoringRole  pulumi.StringPtrInput
	// monitoringPolicy is the role's policy attachment: RDS rejects a monitoring role that does
	// not carry AmazonRDSEnhancedMonitoringRole yet, so instances wait for it, not only the role.
	monitoringPolicy pulumi.Resource
	// suffix makes the identifiers and the final snapshot name unique per deploy lineage.
	suffix          pulumi.StringOutput
	finalSnapshotID pulumi.StringPtrInput
	alarmArns       pulumi.StringArrayOutput
}

// NewRdsWithReplicas validates args, then builds the database tier as children of one component.
func NewRdsWithReplicas(ctx *pulumi.Context, name string, args *RdsWithReplicasArgs, opts ...pulumi.ResourceOption) (*RdsWithReplicas, error) {
	if args == nil {
		args = &RdsWithReplicasArgs{}
	}
	if err := errors.Join(ValidateName(name), args.Validate()); err != nil {
		return nil, fmt.Errorf("database %q: %w", name, err)
	}
	a := args.withDefaults()
	spec, _ := specFor(a.Engine)
	family, _ := parameterFamily(a.Engine, a.EngineVersion) // validated above

	d := &RdsWithReplicas{Engine: a.Engine, DatabaseName: a.DatabaseName, Username: a.Username, IAMAuthentication: *a.IAMDatabaseAuthentication}
	if err := ctx.RegisterComponentResource(Token, name, d, protect.Register(a.Protect, opts)...); err != nil {
		return nil, err
	}
	s := &shared{name: name, args: a, spec: spec, family: family, tags: pulumi.ToStringMap(a.Tags), parent: pulumi.Parent(d), invokeParent: pulumi.Parent(d)}
	s.alarmArns = pulumi.StringArray{}.ToStringArrayOutput()
	if err := s.network(ctx); err != nil {
		return nil, fmt.Errorf("database %q: %w", name, err)
	}
	if err := s.monitoring(ctx); err != nil {
		return nil, fmt.Errorf("database %q: %w", name, err)
	}
	if err := s.identifierSuffix(ctx); err != nil {
		return nil, fmt.Errorf("database %q: %w", name, err)
	}
	if err := s.finalSnapshot(ctx); err != nil {
		return nil, fmt.Errorf("database %q: %w", name, err)
	}
	d.SecurityGroupID = s.securityGroupID

	var err error
	if spec.Aurora {
		err = s.buildAurora(ctx, d)
	} else {
		err = s.buildInstances(ctx, d)
	}
	if err != nil {
		return nil, fmt.Errorf("database %q: %w", name, err)
	}
	d.AlarmArns = s.alarmArns

	if err := outputs.Register(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// network creates the DB subnet group and the security group, and admits each allowed peer on
// the engine port with one rule per peer.
func (s *shared) network(ctx *pulumi.Context) error {
	subnets := make(pulumi.StringArray, len(s.args.SubnetIDs))
	copy(subnets, s.args.SubnetIDs)
	group, err := rds.NewSubnetGroup(ctx, s.name+"-subnets", &rds.SubnetGroupArgs{
		Description: pulumi.String("tenk database " + s.name + ": isolated subnets"),
		SubnetIds:   subnets,
		Tags:        s.tags,
	}, s.parent)
	if err != nil {
		return err
	}
	s.subnetGroup = group

	// No inline rules: the provider then also removes AWS's default allow-all egress, which a
	// database does not need. Ingress is one rule per peer, added below.
	sg, err := ec2.NewSecurityGroup(ctx, s.name+"-sg", &ec2.SecurityGroupArgs{
		VpcId:       s.args.VpcID,
		Description: pulumi.String("tenk database " + s.name),
		Tags:        s.tags,
	}, s.parent)
	if err != nil {
		return err
	}
	s.securityGroupID = sg.ID().ToStringOutput()
	_, err = ingress.FromSecurityGroups(ctx, s.name, sg.ID(), s.args.AllowedSecurityGroupIDs, s.args.Port,
		fmt.Sprintf("%s clients of %s", s.args.Engine, s.name), s.parent)
	return err
}

// monitoring creates the role RDS enhanced monitoring assumes, when monitoring is on.
func (s *shared) monitoring(ctx *pulumi.Context) error {
	if *s.args.MonitoringIntervalSeconds == 0 {
		return nil
	}
	// RDS user guide, "Setting up and enabling Enhanced Monitoring": the role trusts
	// monitoring.rds.amazonaws.com and carries AmazonRDSEnhancedMonitoringRole.
	role, err := iam.NewRole(ctx, s.name+"-monitoring-role", &iam.RoleArgs{
		Description:      pulumi.String("RDS enhanced monitoring for tenk database " + s.name),
		AssumeRolePolicy: pulumi.String(iampolicy.AssumeRole("monitoring.rds.amazonaws.com").MustJSON()),
		Tags:             s.tags,
	}, s.parent)
	if err != nil {
		return err
	}
	attachment, err := iam.NewRolePolicyAttachment(ctx, s.name+"-monitoring-policy", &iam.RolePolicyAttachmentArgs{
		Role: role.Name,
		// The commercial partition's ARN; GovCloud and China need "arn:aws-us-gov"/"arn:aws-cn".
		PolicyArn: pulumi.String("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
	}, s.parent)
	if err != nil {
		return err
	}
	s.monitoringRole = role.Arn
	s.monitoringPolicy = attachment
	return nil
}

// identifierSuffix creates the random suffix of the identifiers and the final snapshot name once,
// so they are known before the instances exist (their log groups are named after them) and stay
// unique per deploy lineage: two stacks in one account never collide, and a second destroy never
// hits DBSnapshotAlreadyExists (RDS DeleteDBInstance FinalDBSnapshotIdentifier must be unique).
func (s *shared) identifierSuffix(ctx *pulumi.Context) error {
	suffix, err := random.NewRandomId(ctx, s.name+"-suffix", &random.RandomIdArgs{
		ByteLength: pulumi.Int(4),
	}, s.parent)
	if err != nil {
		return err
	}
	s.suffix = suffix.Hex
	return nil
}

// identifier is the RDS identifier of one member ("primary", "replica-0", "cluster"):
// "<name>-<member>-<suffix>", lower case as RDS stores it. At most 40+12+8 = 60 characters.
func (s *shared) identifier(member string) pulumi.StringOutput {
	return pulumi.Sprintf("%s-%s-%s", strings.ToLower(s.name), member, s.suffix)
}

// finalSnapshot names the primary's (or cluster's) final snapshot after the suffix.
func (s *shared) finalSnapshot(ctx *pulumi.Context) error {
	if s.args.SkipFinalSnapshot {
		return nil
	}
	s.finalSnapshotID = pulumi.Sprintf("%s-final-%s", strings.ToLower(s.name), s.suffix)
	return nil
}

// performanceInsights returns the Performance Insights settings every instance shares.
func (s *shared) performanceInsights() (pulumi.BoolPtrInput, pulumi.IntPtrInput) {
	if !*s.args.PerformanceInsights {
		return pulumi.Bool(false), nil
	}
	// 7 days is Performance Insights' free retention.
	return pulumi.Bool(true), pulumi.Int(7)
}

// logExports lists the exported logs; their log groups are created first (logGroups).
func (s *shared) logExports() pulumi.StringArrayInput {
	if !*s.args.CloudWatchLogExports {
		return nil
	}
	return pulumi.ToStringArray(s.spec.LogExports)
}
