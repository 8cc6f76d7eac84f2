package stacks

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/dashboard"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/components/waf"
	"github.com/tenkstack/tenk/components/webtier"
)

// operatorView builds the stack's CloudWatch dashboard (tenk:ops:Dashboard "tenk-ops", named
// "tenk-<stack>") from the components' outputs and exports what an operator on call needs:
// dashboardUrl and sessionManagerCommand (alarmTopicArn is exported with the other outputs).
func operatorView(ctx *pulumi.Context, web *webtier.MultiAZWebTier, db *database.RdsWithReplicas, kv *cache.CacheCluster, table *sessions.SessionTable, site *cdn.StaticAssetsCdn, acl *waf.WebAcl) error {
	region := stackRegion(ctx)
	if region == "" {
		return fmt.Errorf("no AWS region: set aws:region in Pulumi.%s.yaml (pulumi config set aws:region us-east-1)", ctx.Stack())
	}
	alarmArns := []pulumi.StringArrayInput{web.AlarmArns, db.AlarmArns, kv.AlarmArns, table.AlarmArns}
	var wafMetrics *dashboard.WAFMetrics
	if acl != nil { // tenk:cdn.waf: its alarm lives in us-east-1, the status widget shows it too
		wafMetrics = &dashboard.WAFMetrics{WebACLName: acl.Name}
		alarmArns = append(alarmArns, acl.AlarmArns)
	}
	board, err := dashboard.NewDashboard(ctx, "tenk-ops", &dashboard.DashboardArgs{
		DashboardName: "tenk-" + ctx.Stack(),
		Title:         fmt.Sprintf("tenk %s (%s)", ctx.Stack(), region),
		Region:        region,
		CDN:           &dashboard.CDNMetrics{DistributionID: site.DistributionID},
		Web: &dashboard.WebMetrics{
			LoadBalancerArnSuffix: web.LoadBalancerArnSuffix,
			TargetGroupArnSuffix:  web.TargetGroupArnSuffix,
			AutoScalingGroupName:  web.AutoScalingGroupName,
		},
		Database:  databaseMetrics(db),
		Cache:     &dashboard.CacheMetrics{Memcached: kv.Engine == cache.EngineMemcached, ClusterIDs: kv.CacheClusterIDs},
		Sessions:  &dashboard.SessionsMetrics{TableName: table.TableName},
		WAF:       wafMetrics,
		AlarmArns: alarmArns,
	})
	if err != nil {
		return err
	}
	ctx.Export("dashboardUrl", board.URL)
	ctx.Export("sessionManagerCommand", web.AutoScalingGroupName.ApplyT(func(asg string) string {
		return SessionManagerCommand(region, asg)
	}).(pulumi.StringOutput))
	return nil
}

// databaseMetrics names the instances the database's alarms watch: the RDS primary and its
// replicas, or the Aurora writer and its readers.
func databaseMetrics(db *database.RdsWithReplicas) *dashboard.DatabaseMetrics {
	if db.Writer != nil {
		readers := pulumi.StringArray{}
		for _, r := range db.Readers {
			readers = append(readers, r.Identifier)
		}
		return &dashboard.DatabaseMetrics{Aurora: true, WriterIdentifier: db.Writer.Identifier, ReplicaIdentifiers: readers}
	}
	replicas := pulumi.StringArray{}
	for _, r := range db.Replicas {
		replicas = append(replicas, r.Identifier)
	}
	return &dashboard.DatabaseMetrics{WriterIdentifier: db.Primary.Identifier, ReplicaIdentifiers: replicas}
}

// stackRegion is the region the AWS provider deploys to: aws:region, else the environment
// variables the provider itself falls back to.
func stackRegion(ctx *pulumi.Context) string {
	if r, _ := ctx.GetConfig("aws:region"); r != "" {
		return r
	}
	if r := os.Getenv("AWS_REGION"); r != "" {
		return r
	}
	return os.Getenv("AWS_DEFAULT_REGION")
}

// SessionManagerCommand is one shell line that opens a Session Manager shell on an in-service
// instance of an Auto Scaling group (AWS CLI v2 with the Session Manager plugin; the instances
// run the SSM agent and their role has AmazonSSMManagedInstanceCore, so no SSH key or port 22).
func SessionManagerCommand(region, autoScalingGroup string) string {
	return fmt.Sprintf("aws ssm start-session --region %s --target \"$(aws autoscaling describe-auto-scaling-groups --region %s "+
		"--auto-scaling-group-names %s --query 'AutoScalingGroups[0].Instances[?LifecycleState==`InService`].InstanceId | [0]' --output text)\"",
		region, region, autoScalingGroup)
}
