package cache

import (
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// replicationGroup builds the Valkey/Redis OSS replication group, its AUTH token and secret, its
// final-snapshot name and log groups. It returns each member's cache cluster ID, for the alarms.
func (c *CacheCluster) replicationGroup(ctx *pulumi.Context, a CacheClusterArgs, cm common) ([]pulumi.StringInput, error) {
	token, err := authToken(ctx, a, cm)
	if err != nil {
		return nil, err
	}
	finalSnapshot, err := finalSnapshotName(ctx, a, cm)
	if err != nil {
		return nil, err
	}
	logs, err := logDelivery(ctx, a, cm)
	if err != nil {
		return nil, err
	}
	rg, err := elasticache.NewReplicationGroup(ctx, cm.name+rgSuffix, replicationGroupArgs(a, cm, token.Result, finalSnapshot, logs), cm.parent)
	if err != nil {
		return nil, err
	}
	c.ReplicationGroup = rg
	c.PrimaryEndpoint = rg.PrimaryEndpointAddress
	c.ReaderEndpoint = rg.ReaderEndpointAddress
	c.ConfigurationEndpoint = pulumi.String("").ToStringOutput()
	if c.AuthSecretArn, err = authSecret(ctx, a, cm, token.Result, rg); err != nil {
		return nil, err
	}

	members := make([]pulumi.StringInput, a.NodeCount)
	for i := range members {
		members[i] = rg.MemberClusters.Index(pulumi.Int(i))
	}
	return members, nil
}

// replicationGroupArgs are the replication group's settings.
func replicationGroupArgs(a CacheClusterArgs, cm common, token pulumi.StringOutput, finalSnapshot pulumi.StringPtrInput, logs elasticache.ReplicationGroupLogDeliveryConfigurationArray) *elasticache.ReplicationGroupArgs {
	args := &elasticache.ReplicationGroupArgs{
		// Required by CreateReplicationGroup (ReplicationGroupDescription); the ID itself is
		// auto-named from the name, within its 40 characters (ValidateName).
		Description:   pulumi.String(cm.description),
		Engine:        pulumi.String(string(a.Engine)),
		EngineVersion: pulumi.String(a.EngineVersion),
		NodeType:      pulumi.String(a.NodeType),
		Port:          pulumi.Int(engines[a.Engine].port),
		// Members in distinct AZs, primary first (CreateReplicationGroup PreferredCacheClusterAZs:
		// the first AZ is the primary's).
		NumCacheClusters:         pulumi.Int(a.NodeCount),
		PreferredCacheClusterAzs: pulumi.ToStringArray(placement(a.AvailabilityZones, a.NodeCount)),
		AutomaticFailoverEnabled: pulumi.Bool(*a.AutomaticFailover),
		MultiAzEnabled:           pulumi.Bool(*a.MultiAZ),
		SubnetGroupName:          cm.subnetGroup,
		SecurityGroupIds:         pulumi.StringArray{cm.securityGroupID},
		ParameterGroupName:       cm.parameterGroup,
		// TLS is decided at creation: switching it on later is a two-step migration through
		// TransitEncryptionMode "preferred" (ElastiCache user guide, "Enabling in-transit
		// encryption"), and AUTH requires it (CreateReplicationGroup AuthToken: only with
		// TransitEncryptionEnabled). No switch turns it off.
		TransitEncryptionEnabled: pulumi.Bool(true),
		AtRestEncryptionEnabled:  pulumi.Bool(true),
		AuthToken:                token,
		// ROTATE keeps the old token valid next to a new one until the next change, so clients
		// reading the secret are not cut off mid-rollout.
		AuthTokenUpdateStrategy:   pulumi.String("ROTATE"),
		SnapshotRetentionLimit:    pulumi.Int(*a.SnapshotRetentionDays),
		MaintenanceWindow:         pulumi.String(a.MaintenanceWindow),
		FinalSnapshotIdentifier:   finalSnapshot,
		LogDeliveryConfigurations: logs,
		NotificationTopicArn:      cm.notify,
		ApplyImmediately:          pulumi.Bool(a.ApplyImmediately),
		Tags:                      cm.tags,
	}
	if *a.SnapshotRetentionDays > 0 {
		args.SnapshotWindow = pulumi.String(a.SnapshotWindow)
	}
	if a.KmsKeyID != nil {
		args.KmsKeyId = a.KmsKeyID.ToStringOutput().ToStringPtrOutput()
	}
	return args
}

// authToken generates the AUTH token. It may hold only the specials ElastiCache accepts
// (CreateReplicationGroup AuthToken); one of each class keeps it from being all letters.
func authToken(ctx *pulumi.Context, a CacheClusterArgs, cm common) (*random.RandomPassword, error) {
	return random.NewRandomPassword(ctx, cm.name+"-auth-token", &random.RandomPasswordArgs{
		Length:          pulumi.Int(a.AuthTokenLength),
		Special:         pulumi.Bool(true),
		OverrideSpecial: pulumi.String(AuthTokenSpecials),
		MinLower:        pulumi.Int(1),
		MinUpper:        pulumi.Int(1),
		MinNumeric:      pulumi.Int(1),
	}, cm.parent)
}

// finalSnapshotName names the final snapshot, or returns nil when FinalSnapshot is off. Its
// suffix is created once and kept, so the name is stable across updates and unique per cache: a
// second cache of the same name never collides with an earlier final snapshot.
func finalSnapshotName(ctx *pulumi.Context, a CacheClusterArgs, cm common) (pulumi.StringPtrInput, error) {
	if !*a.FinalSnapshot {
		return nil, nil
	}
	suffix, err := random.NewRandomId(ctx, cm.name+"-final-snapshot", &random.RandomIdArgs{
		ByteLength: pulumi.Int(4),
	}, cm.parent)
	if err != nil {
		return nil, err
	}
	return pulumi.Sprintf("%s-final-%s", strings.ToLower(cm.name), suffix.Hex), nil
}

// logDelivery creates the slow-log and engine-log groups and returns their delivery settings,
// or nil when Logs is off.
func logDelivery(ctx *pulumi.Context, a CacheClusterArgs, cm common) (elasticache.ReplicationGroupLogDeliveryConfigurationArray, error) {
	if !*a.Logs {
		return nil, nil
	}
	var logs elasticache.ReplicationGroupLogDeliveryConfigurationArray
	for _, logType := range []string{"slow-log", "engine-log"} {
		group, err := cloudwatch.NewLogGroup(ctx, cm.name+"-"+logType, &cloudwatch.LogGroupArgs{
			RetentionInDays: pulumi.Int(a.LogRetentionDays),
			Tags:            cm.tags,
		}, cm.parent)
		if err != nil {
			return nil, err
		}
		logs = append(logs, elasticache.ReplicationGroupLogDeliveryConfigurationArgs{
			Destination:     group.Name,
			DestinationType: pulumi.String("cloudwatch-logs"),
			LogFormat:       pulumi.String("json"),
			LogType:         pulumi.String(logType),
		})
	}
	return logs, nil
}

// authSecret keeps the token and the endpoints in a Secrets Manager secret and returns its ARN.
func authSecret(ctx *pulumi.Context, a CacheClusterArgs, cm common, token pulumi.StringOutput, rg *elasticache.ReplicationGroup) (pulumi.StringOutput, error) {
	secret, err := secretsmanager.NewSecret(ctx, cm.name+"-auth", &secretsmanager.SecretArgs{
		Description: pulumi.Sprintf("%s: AUTH token and endpoints (JSON: token, host, readerHost, port)", cm.description),
		Tags:        cm.tags,
	}, cm.parent)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	if _, err := secretsmanager.NewSecretVersion(ctx, cm.name+"-auth", &secretsmanager.SecretVersionArgs{
		SecretId: secret.ID(),
		SecretString: pulumi.JSONMarshal(pulumi.Map{
			"token":      token,
			"host":       rg.PrimaryEndpointAddress,
			"readerHost": rg.ReaderEndpointAddress,
			"port":       pulumi.Int(engines[a.Engine].port),
		}).ToStringPtrOutput(),
	}, cm.parent); err != nil {
		return pulumi.StringOutput{}, err
	}
	return secret.Arn, nil
}
