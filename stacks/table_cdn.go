package stacks

// CdnConfig is tenk:cdn; each field is set by one row of cdnSection below, which
// documents it with its key, baselines and limits.
type CdnConfig struct {
	PriceClass         string
	StaticPathPatterns []string
	Versioning         bool
	ForceDestroy       bool
	AccessLogs         bool
	WebAclArn          string
	Waf                bool
	WafRateLimit       int
}

// cdnSection is tenk:cdn, the StaticAssetsCdn component (components/cdn) and, with waf, the
// WebAcl component (components/waf).
var cdnSection = section{
	name: "cdn", args: "cdn.StaticAssetsCdnArgs", summary: "CDN",
	settings: []setting{
		row("priceClass", "PriceClass", "PriceClass_100", "PriceClass_All",
			"`PriceClass_100`, `_200`, `_All`",
			"Which edge locations serve viewers.",
			func(c *Config) *string { return &c.Cdn.PriceClass }),
		row("staticPathPatterns", "DynamicOrigin.StaticPathPatterns", []string{"/static/*"}, []string{"/static/*"},
			"each starts with `/`",
			"Paths served from the assets bucket; everything else goes to the web tier.",
			func(c *Config) *[]string { return &c.Cdn.StaticPathPatterns }),
		row("versioning", "Versioning", false, true, "",
			"S3 versioning on the assets bucket.",
			func(c *Config) *bool { return &c.Cdn.Versioning }),
		row("forceDestroy", "ForceDestroy", true, false, "not with `tenk:protect`",
			"Let `pulumi destroy` delete non-empty buckets.",
			func(c *Config) *bool { return &c.Cdn.ForceDestroy }),
		row("accessLogs", "AccessLogs", false, true, "",
			"CloudFront v2 logs to a private bucket.",
			func(c *Config) *bool { return &c.Cdn.AccessLogs }),
		row("waf", "", false, true, "",
			"tenk's own web ACL in front of CloudFront (see [WAF](#waf)).",
			func(c *Config) *bool { return &c.Cdn.Waf }),
		row("wafRateLimit", "RateLimit", 2000, 2000, "10–2000000000",
			"Requests one IP may send per 5 minutes before the WAF blocks it.",
			func(c *Config) *int { return &c.Cdn.WafRateLimit }).of("waf.WebAclArgs"),
		row("webAclArn", "WebACLArn", "", "",
			"a CLOUDFRONT-scoped web ACL (`arn:aws:wafv2:us-east-1:…:global/webacl/…`); not with `waf: true`",
			"Bring your own web ACL instead of tenk's.",
			func(c *Config) *string { return &c.Cdn.WebAclArn }).byHand(), // "" leaves room for tenk's own ACL
	},
	aliases: map[string]string{
		"Protect": "tenk:protect", "Domain.Names": "tenk:domain", "Domain.HostedZoneID": "tenk:hostedZoneId",
		// With a domain, CloudFront's origin is "origin." + tenk:domain.
		"DynamicOrigin.DomainName": "tenk:domain",
	},
}
