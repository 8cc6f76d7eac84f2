package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/waf"
	"github.com/tenkstack/tenk/internal/configschema"
)

// cdnSection is tenk:cdn, the StaticAssetsCdn component (components/cdn) and, with waf, the
// WebAcl component (components/waf).
var cdnSection = configschema.Section[Config]{
	Name: "cdn", Args: "CDN", Summary: "CDN",
	Rows: []configschema.Row{
		configschema.Setting("priceClass", "CDN.PriceClass", "`PriceClass_100`, `_200`, `_All`",
			"Which edge locations serve viewers."),
		configschema.Setting("staticPathPatterns", "CDN.DynamicOrigin.StaticPathPatterns", "each starts with `/`",
			"Paths served from the assets bucket; everything else goes to the web tier."),
		configschema.Setting("versioning", "CDN.Versioning", "",
			"S3 versioning on the assets bucket."),
		configschema.Setting("forceDestroy", "CDN.ForceDestroy", "not with `tenk:protect`",
			"Let `pulumi destroy` delete non-empty buckets."),
		configschema.Setting("accessLogs", "CDN.AccessLogs", "",
			"CloudFront v2 logs to a private bucket."),
		configschema.Setting("waf", "WAF.Enabled", "",
			"tenk's own web ACL in front of CloudFront (see [WAF](#waf))."),
		configschema.Setting("wafRateLimit", "WAF.RateLimit", "10–2000000000",
			"Requests one IP may send per 5 minutes before the WAF blocks it."),
		configschema.Setting("webAclArn", "CDN.WebACLArn",
			"a CLOUDFRONT-scoped web ACL (`arn:aws:wafv2:us-east-1:…:global/webacl/…`); not with `waf: true`",
			"Bring your own web ACL instead of tenk's.").
			FromString(func(arn string) any {
				if arn == "" {
					return nil // none: room for tenk's own web ACL
				}
				return pulumi.String(arn)
			}),
	},
	Aliases: map[string]string{
		"CDN.Protect": "tenk:protect", "CDN.Domain.Names": "tenk:domain", "CDN.Domain.HostedZoneID": "tenk:hostedZoneId",
		// With a domain, CloudFront's origin is "origin." + tenk:domain.
		"CDN.DynamicOrigin.DomainName": "tenk:domain",
	},
	Baseline: func(c *Config) { c.CDN, c.WAF = cdnBaseline(c.Environment) },
	Parts: func(c Config) []configschema.Part {
		w := placeholderWiring(c)
		acl := wafArgs(c, w, "stack")
		var aclErr error
		if c.WAF.Enabled {
			aclErr = acl.Validate(webACLComponent)
		}
		return []configschema.Part{
			part("CDN", *cdnArgs(c, w)),
			{Path: "WAF", Effective: WebACL{Enabled: c.WAF.Enabled, WebAclArgs: acl.WithDefaults(webACLComponent)}, Err: aclErr, Summary: "web ACL"},
		}
	},
}

// cdnBaseline is tenk:cdn's baseline: dev serves from the cheapest edge locations, without
// versioning, access logs or a web ACL, and lets destroy empty its buckets; prod serves from every
// edge location with all of them. Both serve /static/* from the bucket.
func cdnBaseline(env Environment) (cdn.StaticAssetsCdnArgs, WebACL) {
	prod := env == Prod
	return cdn.StaticAssetsCdnArgs{
			PriceClass:    either(env, cdn.PriceClass100, cdn.PriceClassAll),
			DynamicOrigin: &cdn.DynamicOrigin{StaticPathPatterns: []string{"/static/*"}},
			Versioning:    pulumi.BoolRef(prod),
			ForceDestroy:  !prod,
			AccessLogs:    pulumi.BoolRef(prod),
		},
		WebACL{Enabled: prod, WebAclArgs: waf.WebAclArgs{RateLimit: 2000}}
}
