package dashboard

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/inherit"
	"github.com/tenkstack/tenk/components/internal/outputs"
)

// Token is Dashboard's type token; its module is "ops", not the package's name (see the package
// doc). It is part of every child's URN, so it never changes.
const Token = "tenk:ops:Dashboard"

// Dashboard is one CloudWatch dashboard with a row per tier and the status of the given alarms.
type Dashboard struct {
	pulumi.ResourceState

	// DashboardName is the CloudWatch dashboard's name.
	DashboardName pulumi.StringOutput
	// DashboardArn is the dashboard's ARN.
	DashboardArn pulumi.StringOutput
	// URL opens the dashboard in the CloudWatch console.
	URL pulumi.StringOutput
	// Body is the dashboard body JSON (what Body returned).
	Body pulumi.StringOutput
}

// NewDashboard validates args, resolves the tiers' dimension values and registers the
// CloudWatch dashboard Body builds from them, as the one child of a Dashboard component.
func NewDashboard(ctx *pulumi.Context, name string, args *DashboardArgs, opts ...pulumi.ResourceOption) (*Dashboard, error) {
	if args == nil {
		args = &DashboardArgs{}
	}
	if err := args.Validate(name); err != nil {
		return nil, fmt.Errorf("dashboard %q: %w", name, err)
	}
	a := *args
	if a.DashboardName == "" {
		a.DashboardName = name
	}
	if a.Title == "" {
		a.Title = a.DashboardName
	}

	d := &Dashboard{}
	if err := ctx.RegisterComponentResource(Token, name, d, inherit.Options(opts)...); err != nil {
		return nil, err
	}
	d.Body = resolve(&a)
	board, err := cloudwatch.NewDashboard(ctx, name+"-dashboard", &cloudwatch.DashboardArgs{
		DashboardName: pulumi.String(a.DashboardName),
		DashboardBody: d.Body,
	}, pulumi.Parent(d))
	if err != nil {
		return nil, err
	}
	d.DashboardName = board.DashboardName
	d.DashboardArn = board.DashboardArn
	region := a.Region
	d.URL = board.DashboardName.ApplyT(func(n string) string { return ConsoleURL(region, n) }).(pulumi.StringOutput)

	if err := outputs.Register(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// ConsoleURL is the CloudWatch console address of a dashboard.
func ConsoleURL(region, dashboardName string) string {
	return fmt.Sprintf("https://%s.console.aws.amazon.com/cloudwatch/home?region=%s#dashboards/dashboard/%s", region, region, dashboardName)
}

// resolve waits for every dimension value and alarm ARN, assembles the Spec and builds the body.
func resolve(a *DashboardArgs) pulumi.StringOutput {
	var inputs []any
	add := func(in any) int {
		inputs = append(inputs, in)
		return len(inputs) - 1
	}
	str := func(vals []any, i int) string { s, _ := vals[i].(string); return s }
	strs := func(vals []any, i int) []string { s, _ := vals[i].([]string); return s }

	var fill []func(vals []any, s *Spec)
	if c := a.CDN; c != nil {
		i := add(c.DistributionID)
		fill = append(fill, func(v []any, s *Spec) { s.DistributionID = str(v, i) })
	}
	if waf := a.WAF; waf != nil {
		name := waf.WebACLName
		fill = append(fill, func(_ []any, s *Spec) { s.WebACLName = name })
	}
	if w := a.Web; w != nil {
		lb, tg, asg := add(w.LoadBalancerArnSuffix), add(w.TargetGroupArnSuffix), add(w.AutoScalingGroupName)
		fill = append(fill, func(v []any, s *Spec) {
			s.Web = &WebSpec{LoadBalancer: str(v, lb), TargetGroup: str(v, tg), AutoScalingGroup: str(v, asg)}
		})
	}
	if db := a.Database; db != nil {
		writer := add(db.WriterIdentifier)
		replicas := -1
		if db.ReplicaIdentifiers != nil {
			replicas = add(db.ReplicaIdentifiers)
		}
		aurora := db.Aurora
		fill = append(fill, func(v []any, s *Spec) {
			s.Database = &DatabaseSpec{Aurora: aurora, Writer: str(v, writer)}
			if replicas >= 0 {
				s.Database.Replicas = strs(v, replicas)
			}
		})
	}
	if c := a.Cache; c != nil {
		members, memcached := add(c.ClusterIDs), c.Memcached
		fill = append(fill, func(v []any, s *Spec) { s.Cache = &CacheSpec{Memcached: memcached, Members: strs(v, members)} })
	}
	if t := a.Sessions; t != nil {
		i := add(t.TableName)
		fill = append(fill, func(v []any, s *Spec) { s.TableName = str(v, i) })
	}
	for _, arns := range a.AlarmArns {
		i := add(arns)
		fill = append(fill, func(v []any, s *Spec) { s.AlarmArns = append(s.AlarmArns, strs(v, i)...) })
	}
	base := Spec{Title: a.Title, Region: a.Region, PeriodSeconds: a.PeriodSeconds}
	return pulumi.All(inputs...).ApplyT(func(vals []any) (string, error) {
		s := base
		for _, f := range fill {
			f(vals, &s)
		}
		return Body(s)
	}).(pulumi.StringOutput)
}
