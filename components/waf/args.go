package waf

import (
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Limits from the AWS WAF API reference, each checked in Validate.
const (
	// MinRateLimit and MaxRateLimit bound RateBasedStatement.Limit (AWS WAF API reference,
	// RateBasedStatement: 10–2,000,000,000 requests per evaluation window).
	MinRateLimit = 10
	MaxRateLimit = 2_000_000_000
	// MaxNameLength is the longest web ACL name and CloudWatch metric name (1–128 characters).
	MaxNameLength = 128
	// MaxTags is AWS WAF's per-resource tag limit (50).
	MaxTags = 50
)

// RateLimitWindows are the evaluation windows a rate-based rule accepts, in seconds (AWS WAF
// Developer Guide, "Rate-based rule high-level settings": 60, 120, 300 or 600).
var RateLimitWindows = []int{60, 120, 300, 600}

// ManagedRuleGroup is an AWS managed rule group this component can use: the free "baseline" and
// "use-case specific" groups, which need no configuration and cost only the rule fee.
type ManagedRuleGroup struct {
	// Name is the rule group's name under the vendor "AWS".
	Name string
	// Capacity is its fixed web ACL capacity (WCU), from the AWS WAF Developer Guide's
	// "AWS Managed Rules rule groups list".
	Capacity int
}

// The AWS managed rule groups WebAcl accepts. Bot Control, account takeover and account creation
// fraud prevention and anti-DDoS are left out: they need per-application configuration and
// carry subscription and request fees on top of the rule fee.
var ManagedRuleGroups = []ManagedRuleGroup{
	{"AWSManagedRulesAmazonIpReputationList", 25},
	{"AWSManagedRulesAnonymousIpList", 50},
	{"AWSManagedRulesCommonRuleSet", 700},
	{"AWSManagedRulesKnownBadInputsRuleSet", 200},
	{"AWSManagedRulesAdminProtectionRuleSet", 100},
	{"AWSManagedRulesSQLiRuleSet", 200},
	{"AWSManagedRulesLinuxRuleSet", 200},
	{"AWSManagedRulesUnixRuleSet", 100},
	{"AWSManagedRulesWindowsRuleSet", 200},
	{"AWSManagedRulesPHPRuleSet", 100},
	{"AWSManagedRulesWordPressRuleSet", 100},
}

// DefaultManagedRuleGroups are the groups WebAcl applies unless told otherwise, in evaluation
// order: known-bad IP addresses first (cheapest, 25 WCU), then the OWASP-style common rule set
// (700 WCU) and known bad inputs such as Log4j exploits (200 WCU). With the rate-based rule the
// web ACL needs about 927 WCU, within the 1,500 WCU the base price covers.
var DefaultManagedRuleGroups = []string{
	"AWSManagedRulesAmazonIpReputationList",
	"AWSManagedRulesCommonRuleSet",
	"AWSManagedRulesKnownBadInputsRuleSet",
}

// WebAclArgs configures a WebAcl. The zero value is a valid web ACL: the default managed rule
// groups, 2,000 requests per IP per 5 minutes, and an alarm at 1,000 blocked requests in 5
// minutes.
type WebAclArgs struct {
	// Name is the web ACL's name in AWS WAF, also its CloudWatch metric name (the WebACL
	// dimension of its metrics). 1–128 letters, digits, "-" or "_", unique among the account's
	// CLOUDFRONT web ACLs. Default: the component's name.
	Name string
	// ManagedRuleGroups are the AWS managed rule groups, evaluated in this order, each blocking
	// what it matches; names from ManagedRuleGroups. Default: DefaultManagedRuleGroups.
	ManagedRuleGroups []string
	// RateLimit is how many requests one IP address may send in RateLimitWindowSeconds before
	// its further requests are blocked (until its rate falls below the limit). 10–2,000,000,000.
	// Default: 2000 (a busy browser session stays far below it; a scraper or flood does not).
	RateLimit int
	// RateLimitWindowSeconds is the window the rate is counted over: 60, 120, 300 or 600.
	// Default: 300.
	RateLimitWindowSeconds int
	// Alarms creates the blocked-requests alarm. Default: true.
	Alarms *bool
	// AlarmThresholds is the alarm's threshold. Default: see AlarmThresholds.
	AlarmThresholds AlarmThresholds
	// AlarmTopicArn is notified when the alarm fires and recovers. The alarm lives in us-east-1,
	// where CloudFront web ACLs report their metrics, and CloudWatch only notifies topics in the
	// alarm's own Region: the topic must be in us-east-1. Default: none (the alarm still exists).
	AlarmTopicArn pulumi.StringInput
	// UsEast1Provider is an AWS provider for us-east-1, where CLOUDFRONT web ACLs and their
	// metrics live; every child uses it. Default: the provider the component inherits (the
	// pulumi.Provider or Providers option, else the stack's default provider), which must then
	// be in us-east-1.
	UsEast1Provider pulumi.ProviderResource
	// Tags are added to the web ACL and its alarm. At most 50. Default: none.
	Tags map[string]string
}

// withDefaults returns a copy of args with every unset field at its documented default.
func (a WebAclArgs) withDefaults(name string) WebAclArgs {
	argutil.Default(&a.Name, name)
	if a.ManagedRuleGroups == nil {
		a.ManagedRuleGroups = DefaultManagedRuleGroups
	}
	argutil.Default(&a.RateLimit, 2000)
	argutil.Default(&a.RateLimitWindowSeconds, 300)
	argutil.DefaultPtr(&a.AlarmThresholds.BlockedRequests, 1000)
	return a
}

// nameRe is the WebACL Name and VisibilityConfig MetricName pattern (AWS WAF API reference).
var nameRe = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Validate reports every problem AWS would reject, each naming the field, the limit and the fix.
// It runs before any resource is registered; name is the component's name (the default Name).
func (a WebAclArgs) Validate(name string) error {
	a = a.withDefaults(name)
	var l fielderr.List

	switch {
	case len(a.Name) > MaxNameLength || !nameRe.MatchString(a.Name):
		l.Addf("Name", "is %q: AWS WAF names and metric names are 1–%d letters, digits, \"-\" or \"_\"; choose such a name", a.Name, MaxNameLength)
	case a.Name == "All" || a.Name == "Default_Action":
		// VisibilityConfig.MetricName: "All" and "Default_Action" are reserved by AWS WAF.
		l.Addf("Name", "is %q: AWS WAF reserves that metric name; choose another name", a.Name)
	}
	if len(a.ManagedRuleGroups) == 0 {
		l.Addf("ManagedRuleGroups", "is empty: a web ACL with only a rate limit lets every attack through; leave it unset for %s", strings.Join(DefaultManagedRuleGroups, ", "))
	}
	for _, g := range a.ManagedRuleGroups {
		if !slices.ContainsFunc(ManagedRuleGroups, func(m ManagedRuleGroup) bool { return m.Name == g }) {
			l.Addf("ManagedRuleGroups", "has %q: use AWS managed rule groups that need no configuration: %s", g, strings.Join(groupNames(), ", "))
		}
	}
	if d := argutil.FirstDuplicate(a.ManagedRuleGroups); d != "" {
		// CreateWebACL rejects two rules with the same name (each group is one rule named after it).
		l.Addf("ManagedRuleGroups", "lists %q twice: list each group once", d)
	}
	if a.RateLimit < MinRateLimit || a.RateLimit > MaxRateLimit {
		l.Addf("RateLimit", "is %d: AWS WAF rate-based rules accept %d–%d requests per window; use a value in that range", a.RateLimit, MinRateLimit, MaxRateLimit)
	}
	if !slices.Contains(RateLimitWindows, a.RateLimitWindowSeconds) {
		l.Addf("RateLimitWindowSeconds", "is %d: AWS WAF accepts %s seconds", a.RateLimitWindowSeconds, argutil.JoinInts(RateLimitWindows))
	}
	if *a.AlarmThresholds.BlockedRequests < 0 {
		l.Addf("AlarmThresholds.BlockedRequests", "is %d: a count of blocked requests cannot be negative; use 0 to alarm on any block", *a.AlarmThresholds.BlockedRequests)
	}
	if arn, ok := a.AlarmTopicArn.(pulumi.String); ok {
		parts := strings.SplitN(string(arn), ":", 6)
		if len(parts) != 6 || parts[2] != "sns" {
			l.Addf("AlarmTopicArn", "%q is not an SNS topic ARN (arn:aws:sns:us-east-1:<account>:<topic>)", arn)
		} else if parts[3] != cloudFrontRegion {
			// CloudWatch PutMetricAlarm rejects an SNS action in another Region ("Invalid region
			// … specified"); the alarm must be in us-east-1 to see the web ACL's metrics.
			l.Addf("AlarmTopicArn", "%q is in %s: the alarm runs in %s with the web ACL's metrics and CloudWatch only notifies topics in its own Region; pass a topic in %s (an AlarmTopic created with the us-east-1 provider)", arn, parts[3], cloudFrontRegion, cloudFrontRegion)
		}
	}
	l.Tags("Tags", a.Tags, MaxTags, "AWS WAF and CloudWatch")
	return l.Err()
}

// cloudFrontRegion is where CLOUDFRONT-scoped web ACLs, and the metrics they report, live (AWS WAF
// Developer Guide, "Resources that you can protect with AWS WAF").
const cloudFrontRegion = "us-east-1"

func groupNames() []string {
	out := make([]string, len(ManagedRuleGroups))
	for i, g := range ManagedRuleGroups {
		out[i] = g.Name
	}
	return out
}
