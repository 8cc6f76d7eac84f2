package stacks

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Run is the whole tenk program: `pulumi up` runs it through main.go, tests run it under mocks.
// Config is loaded and validated before anything is registered, so a bad stack file deploys
// nothing.
func Run(ctx *pulumi.Context) error {
	cfg, err := LoadConfig(ctx)
	if err != nil {
		return err
	}
	return Deploy(ctx, cfg)
}

// Deploy composes the components for cfg, running its application (cfg.App, the built-in server
// when it is zero), and exports the stack outputs. It checks cfg first, as LoadConfig does (a
// Config built or changed in Go is checked too), so a bad config registers nothing. Order follows
// the wiring: the network; the application's image (when it is built); the web tier (whose
// instance security group and role the data tiers admit and grant); the data tiers; CloudFront in
// front of the web tier (through a VPC origin, whose security group the web tier then admits) and
// the bucket; the settings the instances read at boot. The group does not wait for the settings:
// its instances wait for AppConfig's ready marker (webtier.Settings).
func Deploy(ctx *pulumi.Context, cfg Config) error {
	var l fielderr.List
	validateTop(&l, cfg)
	schema.Check(&l, cfg, nil)
	checkImageRegion(&l, cfg, stackRegion(ctx))
	if err := problems(l); err != nil {
		return err // before anything is registered
	}
	w := wiring{tags: map[string]string{"tenk:stack": ctx.Stack(), "tenk:environment": string(cfg.Environment)}, settingsPrefix: SettingsPrefix(ctx.Stack())}

	// EventTopic: ElastiCache cannot publish its events to the encrypted alarm topic.
	topic, err := alerts.NewAlarmTopic(ctx, "tenk-alarms", &alerts.AlarmTopicArgs{Emails: cfg.AlarmEmails, Tags: w.tags, EventTopic: true})
	if err != nil {
		return err
	}
	w.alarmTopicArn, w.eventTopicArn = topic.TopicArn, topic.EventTopicArn

	net, err := addNetwork(ctx, cfg, &w)
	if err != nil {
		return err
	}

	// The load balancer admits CloudFront's VPC-origin security group, which exists only once the
	// CDN's VPC origin (built from the load balancer's ARN) does (vpcorigin.go).
	admitOrigin := deferOriginSecurityGroup(ctx, &w)
	defer admitOrigin.failUnlessAdmitted()

	webTierArgs := webArgs(cfg, w)
	if err := wireApplication(ctx, cfg, webTierArgs); err != nil {
		return err
	}
	web, err := webtier.NewMultiAZWebTier(ctx, "tenk-web", webTierArgs)
	if err != nil {
		return err
	}
	w.webSecurityGroupID, w.webDNSName = web.InstanceSecurityGroupID, web.DnsName
	w.webLoadBalancerArn = web.LoadBalancerArn
	if err := addInterfaceEndpoints(ctx, cfg, w); err != nil { // AWS APIs without NAT (endpoints.go)
		return err
	}

	data, err := addDataTiers(ctx, cfg, w, web)
	if err != nil {
		return err
	}
	// WAF (tenk:cdn.waf): the web ACL the distribution is created with, in us-east-1, through
	// the stack's one us-east-1 provider (shared with the CDN).
	if err := addUsEast1Provider(ctx, cfg, &w); err != nil {
		return err
	}
	acl, err := addWebACL(ctx, cfg, &w)
	if err != nil {
		return err
	}

	site, err := cdn.NewStaticAssetsCdn(ctx, "tenk-cdn", cdnArgs(cfg, w))
	if err != nil {
		return err
	}
	admitOrigin.admit(webtier.LookupVpcOriginSecurityGroup(ctx, w.vpcID, site.VpcOrigin))

	if err := addSettings(ctx, cfg, w, web, data, site); err != nil {
		return err
	}
	// --- Operators (issue 16): one CloudWatch dashboard per stack, and how to reach an instance.
	if err := operatorView(ctx, web, data.db, data.kv, data.table, site, acl); err != nil {
		return err
	}
	// --- end operators

	exportOutputs(ctx, cfg, w.settingsPrefix, topic, net, web, data, site)
	exportRelease(ctx, web)
	return nil
}

// addSettings writes the values instances read at boot (appSettings) under the stack's prefix,
// with a policy letting the web role read exactly them; the ready marker the instances wait for
// is written after the data tiers' grants, the web role's other boot-time needs.
func addSettings(ctx *pulumi.Context, cfg Config, w wiring, web *webtier.MultiAZWebTier, data dataTiers, site *cdn.StaticAssetsCdn) error {
	_, err := appconfig.NewAppConfig(ctx, "tenk-app", &appconfig.AppConfigArgs{
		Prefix:     w.settingsPrefix,
		Settings:   appSettings(cfg, data.db, data.kv, data.table, site),
		Roles:      []pulumi.StringInput{web.InstanceRoleName},
		ReadyAfter: append([]pulumi.Resource{data.table.Table}, data.grants...),
		Tags:       w.tags,
	})
	return err
}

// addNetwork creates the VPC and hands its IDs, AZs and subnets to the tiers through w.
func addNetwork(ctx *pulumi.Context, cfg Config, w *wiring) (*network.Network, error) {
	net, err := network.NewNetwork(ctx, "tenk", networkArgs(cfg, *w))
	if err != nil {
		return nil, networkError(err)
	}
	w.vpcID, w.vpcCidr, w.azs = net.VpcID, net.CidrBlock, net.AvailabilityZoneNames
	w.public, w.private, w.isolated = net.PublicSubnets(), net.PrivateSubnets(), net.IsolatedSubnets()
	return net, nil
}

// dataTiers are the database, the cache and the session table, and the web role's grants on them.
type dataTiers struct {
	db     *database.RdsWithReplicas
	kv     *cache.CacheCluster
	table  *sessions.SessionTable
	grants []pulumi.Resource
}

// addDataTiers creates the data tiers, which admit the web instances' security group, and grants
// the web role what it may do with each (grantWebRole).
func addDataTiers(ctx *pulumi.Context, cfg Config, w wiring, web *webtier.MultiAZWebTier) (dataTiers, error) {
	var d dataTiers
	var err error
	if d.db, err = database.NewRdsWithReplicas(ctx, "tenk-db", databaseArgs(cfg, w)); err != nil {
		return d, err
	}
	if d.kv, err = cache.NewCacheCluster(ctx, "tenk-cache", cacheArgs(cfg, w)); err != nil {
		return d, err
	}
	if d.table, err = sessions.NewSessionTable(ctx, "tenk-sessions", sessionsArgs(cfg, w)); err != nil {
		return d, err
	}
	// What the web role may do with the data tiers: every grant, attached in one place.
	d.grants, err = grantWebRole(ctx, web.InstanceRoleName, d.table, d.db, d.kv)
	return d, err
}

// exportOutputs exports the stack outputs (README "Stack outputs").
func exportOutputs(ctx *pulumi.Context, cfg Config, prefix string, topic *alerts.AlarmTopic, net *network.Network, web *webtier.MultiAZWebTier, data dataTiers, site *cdn.StaticAssetsCdn) {
	ctx.Export("environment", pulumi.String(string(cfg.Environment)))
	ctx.Export("siteUrl", site.URL)
	ctx.Export("distributionId", site.DistributionID)
	ctx.Export("assetsBucketName", site.BucketName)
	ctx.Export("loadBalancerDnsName", web.DnsName)
	ctx.Export("autoScalingGroupName", web.AutoScalingGroupName)
	ctx.Export("databaseWriterEndpoint", data.db.WriterEndpoint)
	ctx.Export("databaseReaderEndpoints", data.db.ReaderEndpoints)
	ctx.Export("databaseSecretArn", data.db.SecretArn)
	ctx.Export("cachePrimaryEndpoint", data.kv.PrimaryEndpoint)
	ctx.Export("cacheReaderEndpoint", data.kv.ReaderEndpoint)
	ctx.Export("cacheConfigurationEndpoint", data.kv.ConfigurationEndpoint)
	ctx.Export("cacheAuthSecretArn", data.kv.AuthSecretArn)
	ctx.Export("sessionTableName", data.table.TableName)
	ctx.Export("alarmTopicArn", topic.TopicArn)
	ctx.Export("settingsPrefix", pulumi.String(prefix))
	ctx.Export("vpcId", net.VpcID)
	ctx.Export("availabilityZones", pulumi.ToStringArray(net.AvailabilityZoneNames))
}

// appSettings are the values instances read at boot. Only values that exist for this config are
// included: SSM rejects an empty parameter. The secrets they name are granted in grantWebRole.
func appSettings(cfg Config, db *database.RdsWithReplicas, kv *cache.CacheCluster, table *sessions.SessionTable, site *cdn.StaticAssetsCdn) map[string]pulumi.StringInput {
	settings := map[string]pulumi.StringInput{
		"DB_HOST":          db.WriterEndpoint,
		"DB_PORT":          pulumi.Sprintf("%d", db.Port),
		"DB_NAME":          pulumi.String(db.DatabaseName),
		"DB_SECRET_ARN":    db.SecretArn,
		"DB_IAM_AUTH":      pulumi.Sprintf("%t", db.IAMAuthentication),
		"CACHE_PORT":       pulumi.Sprintf("%d", kv.Port),
		"SESSION_TABLE":    table.TableName,
		"SESSION_KEY_ATTR": pulumi.String(table.PartitionKey),
		"SESSION_TTL_ATTR": pulumi.String(table.TTLAttribute),
		"ASSETS_BUCKET":    site.BucketName,
		"SITE_URL":         site.URL,
	}
	if db.IAMAuthentication {
		settings["DB_IAM_USER"] = pulumi.String(DatabaseIAMUser)
	}
	if cfg.Database.ReadReplicas > 0 {
		settings["DB_READER_HOSTS"] = db.ReaderEndpoints.ApplyT(func(hosts []string) string {
			return strings.Join(hosts, ",")
		}).(pulumi.StringOutput)
	}
	if kv.Engine == cache.EngineMemcached {
		settings["CACHE_HOST"] = kv.ConfigurationEndpoint
	} else {
		settings["CACHE_HOST"] = kv.PrimaryEndpoint
		settings["CACHE_READER_HOST"] = kv.ReaderEndpoint
		settings["CACHE_AUTH_SECRET_ARN"] = kv.AuthSecretArn
	}
	return settings
}
